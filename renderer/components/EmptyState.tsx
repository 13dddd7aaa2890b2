import { useTranslation } from 'react-i18next';

export const EmptyState = () => {
  const { t } = useTranslation();
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <h1 id="empty-state-title">{t('empty.title')}</h1>
      <p>{t('empty.body')}</p>
    </section>
  );
};
