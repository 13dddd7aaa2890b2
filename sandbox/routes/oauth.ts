import type { JwtBearerGrant } from '../auth/jwt-bearer';
import type { HandlersFor } from './context';

export const oauthHandlers = (grant: JwtBearerGrant): HandlersFor<'oauthToken'> => ({
  oauthToken: ({ body, now }) => grant.exchange(body.assertion, now),
});
