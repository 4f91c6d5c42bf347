import type { AckState } from '../store/console';
import { Icon } from './Icon';

/** The answer to what the person just did, shown where they did it. */
export function AckLine({
  ack,
  okText = 'Sparat.',
}: {
  ack: AckState | undefined;
  okText?: string;
}) {
  if (!ack) return null;
  switch (ack.status) {
    case 'pending':
      return (
        <p className="ack ack-pending" role="status">
          <Icon name="hourglass" /> Skickar…
        </p>
      );
    case 'queued':
      return (
        <p className="ack ack-queued" role="status">
          <Icon name="pause" /> Ingen förbindelse – skickas automatiskt när anslutningen är
          tillbaka.
        </p>
      );
    case 'ok':
      return (
        <p className="ack ack-ok" role="status">
          ✓ {okText}
        </p>
      );
    case 'refused':
      return (
        <p className="ack ack-refused" role="alert">
          ✗ Avvisat: {ack.message}
        </p>
      );
    default: {
      const never: never = ack;
      return never;
    }
  }
}
