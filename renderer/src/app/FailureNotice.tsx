import { useTranslation } from 'react-i18next';
import { failureText, type Failure, type FailurePrefix } from './failure';

/** A failed request as an alert, in the words of the feature whose i18n `prefix` is given (see failureText). */
export function FailureNotice({ failure, prefix, testId }: { failure: Failure; prefix: FailurePrefix; testId?: string }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice-error" role="alert" data-testid={testId} data-kind={failure.kind}>
      {failureText(failure, prefix, t)}
    </p>
  );
}
