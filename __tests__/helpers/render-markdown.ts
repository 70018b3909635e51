/**
 * Markdown as GitHub shows it, near enough to test what a person sees: a GFM
 * renderer (markdown-it: CommonMark, tables, strikethrough, autolinks) and
 * GitHub's own stylesheet (github-markdown-css).
 *
 * Raw HTML is let through on purpose. GitHub sanitises a comment's HTML; this
 * renderer does not, so anything our escaping lets slip (an `<img>`, a
 * `<script>`) shows up here as an element and fails the tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import MarkdownIt from 'markdown-it';

const markdownIt = new MarkdownIt({ html: true, linkify: true });

/** The HTML GitHub would make of `markdown` (without its sanitiser). */
export const renderGfm = (markdown: string): string => markdownIt.render(markdown);

const githubCss = (): string =>
  readFileSync(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'), 'utf8');

/**
 * A page with the rendered Markdown in a `.markdown-body` box `width` px wide,
 * padded like a comment body, on GitHub's stylesheet.
 */
export function githubPage(markdown: string, width: number, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
${githubCss()}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: ${width}px; padding: 16px; }
</style>
</head>
<body>
<article class="markdown-body">
${renderGfm(markdown)}
</article>
</body>
</html>
`;
}
