import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reportClientError } from '../api';

interface Props {
  /** The region's name in Swedish, shown in the placeholder and sent with a report. */
  region: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  report: 'idle' | 'sending' | 'sent' | 'failed';
  reportMessage?: string;
}

/**
 * One region of the screen (the map, a list, a panel) that fails to render shows a marked
 * placeholder instead of taking the whole console down with it (R84): a record nobody
 * foresaw blanks one region, and the rest of the console keeps working.
 */
export class RegionBoundary extends Component<Props, State> {
  override state: State = { error: null, report: 'idle' };
  private componentStack = '';

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)), report: 'idle' };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.componentStack = info.componentStack ?? '';
    console.error(`[${this.props.region}] kunde inte visas`, error);
  }

  private retry = () => this.setState({ error: null, report: 'idle' });

  private report = async () => {
    const { error } = this.state;
    if (!error) return;
    this.setState({ report: 'sending' });
    try {
      await reportClientError({
        region: this.props.region.slice(0, 80),
        message: `${error.name}: ${error.message}`.slice(0, 500),
        stack: `${error.stack ?? ''}\n${this.componentStack}`.slice(0, 4000),
        route: window.location.hash.slice(0, 200),
      });
      this.setState({ report: 'sent' });
    } catch (err) {
      this.setState({ report: 'failed', reportMessage: (err as Error).message });
    }
  };

  override render(): ReactNode {
    const { error, report, reportMessage } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="region-error" role="alert" aria-label={`${this.props.region}: fel`}>
        <h2 className="region-error-title">Den här delen kunde inte visas</h2>
        <p>
          {this.props.region} gick inte att visa. Resten av konsolen fungerar som vanligt, och inget
          av det som är sparat har gått förlorat.
        </p>
        <div className="region-error-actions">
          <button
            type="button"
            className="btn-secondary"
            onClick={() => void this.report()}
            disabled={report === 'sending' || report === 'sent'}
          >
            Rapportera fel
          </button>
          <button type="button" className="btn-secondary" onClick={this.retry}>
            Försök igen
          </button>
        </div>
        <p className="region-error-status" aria-live="polite">
          {report === 'sending' && 'Skickar felrapporten…'}
          {report === 'sent' && 'Felrapporten är skickad. Tack!'}
          {report === 'failed' && `Felrapporten kunde inte skickas: ${reportMessage}`}
        </p>
      </section>
    );
  }
}
