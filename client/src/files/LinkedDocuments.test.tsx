/** The documents a card step links to, as the holder of a running card sees them (R220). */
import { act, render, screen } from '@testing-library/react';
import type { StoredEvent } from '../../../shared/events';
import type { ActorRef } from '../../../shared/domain/state';
import { consoleStore } from '../store/console';
import { signInAs } from '../test/fixtures';
import { LinkedDocuments } from './LinkedDocuments';

const CHIEF: ActorRef = { userId: 'sakchef', name: 'Anders Holm', role: 'security_chief' };

function publish(documentId: string, title: string, links: { cardId: string; stepId?: string }[]) {
  const st = consoleStore.getState();
  const from = st.spaces.real.seq + 1;
  const e = {
    type: 'document.published',
    data: {
      documentId,
      title,
      kind: 'crisis_plan',
      version: '1',
      date: '2024-01-10',
      levels: [],
      links,
      roles: [],
      hash: String(from).padStart(64, 'a'),
      mediaType: 'application/pdf',
      size: 1000,
      name: `${documentId}.pdf`,
    },
    seq: from,
    space: 'real',
    at: new Date().toISOString(),
    actor: CHIEF,
    commandId: `c${from}`,
    hash: 'h',
  } as StoredEvent;
  act(() => st.onEvents([e], { space: 'real', from, to: from }));
}

test('R220 a step lists the documents it names itself as well as those whose entry names the step', () => {
  signInAs('tib.farsta');
  publish('doc-named', 'Krisledningsplan', []);
  publish('doc-linked', 'Kontaktlista', [{ cardId: 'tib-disruption', stepId: 'assess' }]);
  publish('doc-other', 'Annan plan', []);
  render(
    <LinkedDocuments cardId="tib-disruption" stepId="assess" ids={['doc-named', 'doc-gone']} />,
  );
  expect(screen.getByTestId('doc-link-doc-named').textContent).toBe('Krisledningsplan (1)');
  expect(screen.getByTestId('doc-link-doc-linked').textContent).toBe('Kontaktlista (1)');
  expect(screen.queryByTestId('doc-link-doc-other')).toBeNull();
  expect(screen.queryByTestId('doc-link-doc-gone')).toBeNull();
});
