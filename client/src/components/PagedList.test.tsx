/** A long dagbok drawn a page at a time, newest first, older lines on request. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { PagedList } from './PagedList';

const lines = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `l${n - i}`, text: `Rad ${n - i}` }));

function Diary({ items }: { items: { id: string; text: string }[] }) {
  return (
    <PagedList
      items={items}
      itemKey={(l) => l.id}
      render={(l) => l.text}
      noun="anteckningar"
      empty="Inga anteckningar."
    />
  );
}

test('the newest 50 of 120 are drawn; older ones come 50 at a time, and focus goes to the first added', async () => {
  render(<Diary items={lines(120)} />);
  const shown = () => screen.getByTestId('paged-list').querySelectorAll('li');
  expect(shown()).toHaveLength(50);
  expect(shown()[0].textContent).toBe('Rad 120');
  expect(screen.getByText('50 av 120 visas.')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Visa 50 äldre anteckningar' }));
  await act(async () => new Promise((r) => requestAnimationFrame(() => r(undefined))));
  expect(shown()).toHaveLength(100);
  expect(document.activeElement?.textContent).toBe('Rad 70');
  fireEvent.click(screen.getByRole('button', { name: 'Visa 20 äldre anteckningar' }));
  expect(shown()).toHaveLength(120);
  expect(screen.queryByRole('button', { name: /äldre/ })).toBeNull();
});

test('a new line arrives at the top without losing the older pages already opened', () => {
  const { rerender } = render(<Diary items={lines(60)} />);
  fireEvent.click(screen.getByRole('button', { name: 'Visa 10 äldre anteckningar' }));
  rerender(<Diary items={lines(61)} />);
  const shown = screen.getByTestId('paged-list').querySelectorAll('li');
  expect(shown).toHaveLength(61);
  expect(shown[0].textContent).toBe('Rad 61');
});

test('an empty dagbok says so', () => {
  render(<Diary items={[]} />);
  expect(screen.getByText('Inga anteckningar.')).toBeTruthy();
  expect(screen.queryByRole('button')).toBeNull();
});
