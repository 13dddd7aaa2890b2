import type { ConfigField, ConfigProblemView } from '../../../shared/contract';
import type { ConfigSliceState } from './initialState';

// One constant, so a selector over an empty list returns the same array and React does not re-render.
const NO_PROBLEMS: readonly ConfigProblemView[] = [];
const NO_FIELDS: readonly ConfigField[] = [];
const NO_PATHS: readonly string[] = [];
export const configSelectors = {
  config: (s: ConfigSliceState) => s.config,
  loadError: (s: ConfigSliceState) => s.configLoadError,
  isLoading: (s: ConfigSliceState) => s.configLoading,
  problems: (s: ConfigSliceState): readonly ConfigProblemView[] => s.config?.problems ?? NO_PROBLEMS,
  hasProblems: (s: ConfigSliceState): boolean => (s.config?.problems.length ?? 0) > 0,
  lockedFields: (s: ConfigSliceState): readonly ConfigField[] => s.config?.lockedFields ?? NO_FIELDS,
  isFieldLocked:
    (field: ConfigField) =>
    (s: ConfigSliceState): boolean =>
      s.config?.lockedFields.includes(field) ?? false,
  isSaving: (s: ConfigSliceState) => s.configSaving,
  saveOutcome: (s: ConfigSliceState) => s.configSaveOutcome,
  /** Fields the last refused save named, for highlighting; empty after a success. */
  invalidFieldPaths: (s: ConfigSliceState): readonly string[] =>
    s.configSaveOutcome?.kind === 'failed' ? (s.configSaveOutcome.error.fields ?? NO_PATHS) : NO_PATHS,
};
