/** R222: library Markdown is drawn as elements; markup in it is text, unsafe links are not links. */
import { render } from '@testing-library/react';
import { Markdown } from './markdown';

test('R222 headings, lists, emphasis and safe links; HTML stays text and javascript: is no link', () => {
  const { container } = render(
    <Markdown
      text={
        '# Plan\n\nRing **TiB** och *växeln*. <img src=x onerror=alert(1)> <script>alert(2)</script>\n\n1. Först\n2. Sedan\n\n- [Webb](https://start.stockholm)\n- [farlig](javascript:alert(3))\n- [post](mailto:a@b.se)\n'
      }
    />,
  );
  expect(container.querySelector('h2')?.textContent).toBe('Plan');
  expect(container.querySelector('strong')?.textContent).toBe('TiB');
  expect(container.querySelector('em')?.textContent).toBe('växeln');
  expect(container.querySelectorAll('ol li')).toHaveLength(2);
  expect(container.querySelectorAll('script, img')).toHaveLength(0);
  expect(container.textContent).toContain('<script>alert(2)</script>');
  const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  expect(hrefs).toEqual(['https://start.stockholm', 'mailto:a@b.se']);
  for (const a of container.querySelectorAll('a'))
    expect(a.getAttribute('rel')).toContain('noopener');
});
