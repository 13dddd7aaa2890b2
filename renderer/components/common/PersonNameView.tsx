import type { PersonName } from '../../../shared/api/model';

/**
 * A name in every form on file: kanji first (how the caller writes it), the kana reading (how it
 * is said), Latin (how a foreign resident or the card spells it). A name with no kanji leads with Latin.
 */
export const PersonNameView = ({ name }: { name: PersonName }) => (
  <span className="person-name">
    <span className="person-name-primary">{name.kanji ?? name.latin}</span>
    {name.kana !== null ? (
      <span className="person-name-kana" lang="ja">
        {name.kana}
      </span>
    ) : null}
    {name.kanji !== null ? (
      <span className="person-name-latin" lang="en">
        {name.latin}
      </span>
    ) : null}
  </span>
);
