import { useTranslation } from 'react-i18next';

/** The id to quote to support, selectable in one click so it can be copied exactly. */
export const CorrelationId = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  return (
    <dl className="correlation">
      <dt>{t('boot.correlationIdLabel')}</dt>
      <dd>
        <code className="correlation-id" data-testid="correlation-id">
          {id}
        </code>
      </dd>
    </dl>
  );
};
