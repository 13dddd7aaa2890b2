// What `npm run dist` will and will not sign, read from the environment only: the certificate and
// its password never live in the repository or in electron-builder.yml.
import path from 'node:path';

/**
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {{ targets: ('win' | 'linux')[], repoRoot: string }} options
 * @returns {{ lines: string[], errors: string[] }}
 */
export function signingPlan(env, { targets, repoRoot }) {
  const lines = [];
  const errors = [];
  if (targets.includes('win')) {
    const [variable, link] = env.WIN_CSC_LINK ? ['WIN_CSC_LINK', env.WIN_CSC_LINK] : env.CSC_LINK ? ['CSC_LINK', env.CSC_LINK] : [null, null];
    const password = env.WIN_CSC_KEY_PASSWORD ?? env.CSC_KEY_PASSWORD;
    if (link && isInside(link, repoRoot)) {
      errors.push(`${variable} points into the repository (${link}): keep the certificate outside it, e.g. in the build machine's secret store`);
    } else if (link) {
      if (!password) errors.push(`${variable} is set but neither WIN_CSC_KEY_PASSWORD nor CSC_KEY_PASSWORD is`);
      lines.push(
        `Windows: the NSIS installer and Token Desk.exe will be signed with the certificate in ${variable}.`,
        '  electron-builder writes its publisher name into app-update.yml; electron-updater refuses an update not signed by it.',
      );
      if (env.WIN_PUBLISHER_NAME) lines.push(`  Publisher name checked on update: ${env.WIN_PUBLISHER_NAME} (WIN_PUBLISHER_NAME).`);
    } else {
      lines.push(
        'Windows: NOT signed (no CSC_LINK or WIN_CSC_LINK). SmartScreen will warn, and updates are checked against the feed\'s sha512 only.',
        '  To sign: CSC_LINK=<path or base64 of the .pfx> CSC_KEY_PASSWORD=<its password> npm run dist',
      );
    }
  }
  if (targets.includes('linux')) {
    lines.push(
      'Linux: the AppImage and the .deb are not signed by electron-builder (nothing to set).',
      '  The deb reaches seats through the issuer\'s apt repository, whose Release file is signed with the repository\'s GPG key;',
      '  an AppImage update is checked against the sha512 in latest-linux.yml, fetched over https from the feed.',
    );
  }
  return { lines, errors };
}

/** @param {string} file @param {string} root */
function isInside(file, root) {
  // A base64 certificate is not a path; only a path can sit in the repository.
  if (!file.includes('/') && !file.includes('\\') && !file.endsWith('.pfx') && !file.endsWith('.p12')) return false;
  const relative = path.relative(root, path.resolve(root, file.replace(/^file:\/\//, '')));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
