import type { TFunction } from 'i18next';
import type { Language } from '../../shared/contract';
import { formatDateTime, formatList } from '../format/date-time';
import { errorCodeKey, keyFor, operationKey, sourceLabelKey, sourceSubjectKey } from '../i18n/lookup-label-keys';
import type { ActorRef, Sentence } from './explain';

const actorText = (actor: ActorRef, t: TFunction): string =>
  actor.kind === 'agent' ? t('sources.subject.agent', { name: actor.name }) : t(sourceSubjectKey[actor.source]);

/** "the suspension", or the code itself when the console does not know it. */
const operationText = (operation: string | undefined, t: TFunction): string => {
  if (operation === undefined) return t('notifications.callbacks.operationUnknown');
  const key = keyFor(operationKey, operation);
  return key === undefined ? operation : t(key);
};

/** "221: the device could not be reached after retries", or the bare code. */
const errorCodeText = (code: string | undefined, t: TFunction): string => {
  if (code === undefined) return '';
  const meaning = keyFor(errorCodeKey, code);
  return meaning === undefined ? code : t('notifications.callbacks.errorWithMeaning', { code, meaning: t(meaning) });
};

/** The sentences of an explanation in the UI language, times in the agent's zone. */
export const explanationText = (sentences: readonly Sentence[], t: TFunction, language: Language, timeZone?: string): string =>
  sentences
    .map((sentence) =>
      t(sentence.key, {
        time: sentence.at !== undefined ? formatDateTime(sentence.at, language, timeZone) : '',
        actor: sentence.actor !== undefined ? actorText(sentence.actor, t) : '',
        parties: formatList((sentence.parties ?? []).map((party) => t(sourceSubjectKey[party])), language),
        operation: operationText(sentence.operation, t),
        codeText: errorCodeText(sentence.errorCode, t),
      }),
    )
    // Japanese sentences end in 。 and run on; English ones need a space.
    .join(language === 'ja' ? '' : ' ');

/** Who changed a token last, for the table: the agent by name when there was one. */
export const changedByText = (actor: ActorRef, t: TFunction): string =>
  actor.kind === 'agent' ? t('sources.label.agent', { name: actor.name }) : t(sourceLabelKey[actor.source]);
