import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenEvent } from '../../../shared/api/model';
import { HistoryRow } from '../../../renderer/components/history/HistoryRow';
import { translator, uiLanguage } from '../../../renderer/components/history/ui-language';

const ignore = (): void => undefined;

/**
 * The baseline the bench compares the console with: the same rows (HistoryRow) in the same
 * scrolling box, every one of them in the DOM, as a list without virtualization would be.
 */
export const FullHistory = ({ events, now }: { events: readonly TokenEvent[]; now: number }) => {
  const { t: hookT, i18n } = useTranslation();
  const t = useMemo(() => translator(hookT), [hookT]);
  const language = uiLanguage(i18n);
  return (
    <div className="token-history">
      <div className="history-body">
        <div className="history-scroll" data-testid="history-scroll">
          <ol className="history-list">
            {events.map((event, index) => (
              <HistoryRow
                key={event.eventId}
                event={event}
                index={index}
                setSize={events.length}
                now={now}
                active={index === 0}
                expanded={false}
                fresh={false}
                onToggleRaw={ignore}
                t={t}
                language={language}
              />
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
};
