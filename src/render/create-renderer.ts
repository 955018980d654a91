import Handlebars from 'handlebars';
import type { TemplateSources } from './load-templates.ts';

export type PageRenderer = (page: string, view: { layout: object } & Record<string, unknown>) => string;

/**
 * An isolated handlebars instance (no global helpers or partials registered at import) in strict mode:
 * a view missing a field the template names throws instead of printing nothing. Templates use only
 * {{double-stash}}, so every value is escaped unless the view model wrapped it as SafeString
 * (safe-markup.ts).
 */
export function createRenderer(sources: TemplateSources): PageRenderer {
  const hbs = Handlebars.create();
  const options = { strict: true, noEscape: false, preventIndent: true } as const;
  for (const [name, source] of Object.entries(sources.partials))
    hbs.registerPartial(name, hbs.compile(source, options));
  const pages = new Map(
    Object.entries(sources.pages).map(([name, source]) => [name, hbs.compile(source, options)]),
  );
  const base = sources.layouts.base;
  if (base === undefined) throw new Error('templates/layouts/base.hbs is missing');
  const layout = hbs.compile(base, options);
  return (page, view) => {
    const template = pages.get(page);
    if (template === undefined) throw new Error(`templates/pages/${page}.hbs is missing`);
    const body = template(view);
    return layout({ layout: view.layout, body: new Handlebars.SafeString(body) });
  };
}
