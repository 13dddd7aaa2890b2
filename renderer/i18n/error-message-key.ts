import { messageKeyFor, type TypedError } from '../../shared/contract';
import { isMessageKey, type MessageKey } from '../../shared/i18n';

/**
 * The message to show for a typed error. A messageKey the catalogues lack means the contract and
 * the UI have drifted apart: say so loudly, and still show the general message for its code.
 */
export const errorMessageKey = (error: TypedError): MessageKey => {
  if (isMessageKey(error.messageKey)) return error.messageKey;
  console.error(`missing i18n key: ${error.messageKey}`);
  const general = messageKeyFor[error.code];
  return isMessageKey(general) ? general : 'errors.internal';
};
