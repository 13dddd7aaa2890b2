import { useTranslation } from 'react-i18next';

export const LoadingState = () => {
  const { t } = useTranslation();
  return (
    <p className="loading-state" role="status">
      {t('boot.loading')}
    </p>
  );
};
