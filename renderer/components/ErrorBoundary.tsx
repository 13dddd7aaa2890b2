import { Component, type ErrorInfo, type ReactNode } from 'react';
import { CrashPanel } from './CrashPanel';

interface ErrorBoundaryProps {
  readonly children: ReactNode;
  readonly onError: (error: unknown, componentStack: string | undefined) => void;
}

interface ErrorBoundaryState {
  readonly failed: boolean;
}

/** Keeps a rendering bug from leaving a blank window, and forwards it to main's log. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError(error, info.componentStack ?? undefined);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashPanel /> : this.props.children;
  }
}
