// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runTool, toolDefinitions, tools } from '../../../utils/tools';
import { pageContext } from '../helpers/page-context';

const page = () => pageContext(document);

const EXPECTED: Record<string, { properties: string[]; required: string[] }> = {
  get_page_html: { properties: ['selector', 'max_chars'], required: [] },
  set_background_color: { properties: ['color', 'selector'], required: ['color'] },
  set_font_color: { properties: ['color', 'selector'], required: ['color'] },
  set_button_style: { properties: ['selector', 'scale', 'size_px', 'color', 'text_color'], required: [] },
  undo: { properties: ['all'], required: [] },
};

describe('tool registry', () => {
  it('lists each tool once', () => {
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('describes every tool as a function with an object JSON schema and no $schema', () => {
    const definitions = toolDefinitions();
    expect(definitions).toHaveLength(tools.length);
    for (const definition of definitions) {
      const expected = EXPECTED[definition.name];
      expect(definition.type).toBe('function');
      expect(definition.description.length).toBeGreaterThan(40);
      expect(definition.description.length).toBeLessThan(500);
      expect(definition.parameters).not.toHaveProperty('$schema');
      expect(definition.parameters.type).toBe('object');
      if (expected) {
        expect(Object.keys(definition.parameters.properties as object)).toEqual(expected.properties);
        expect(definition.parameters.required ?? []).toEqual(expected.required);
      }
      for (const property of Object.values(definition.parameters.properties as Record<string, { description?: string }>)) {
        expect(property.description).toBeTruthy();
      }
    }
  });

  it('sends the zod schema itself, with limits and defaults, never a second copy', () => {
    for (const tool of tools) {
      const fromSchema: Record<string, unknown> = { ...z.toJSONSchema(tool.schema, { io: 'input' }) };
      delete fromSchema.$schema;
      expect(toolDefinitions().find((d) => d.name === tool.name)?.parameters).toEqual(fromSchema);
    }
    const html = toolDefinitions().find((d) => d.name === 'get_page_html')?.parameters.properties as Record<string, object>;
    expect(html.max_chars).toMatchObject({ type: 'integer', minimum: 200, maximum: 20000, default: 4000 });
    const buttons = toolDefinitions().find((d) => d.name === 'set_button_style')?.parameters.properties as Record<string, object>;
    expect(buttons.scale).toMatchObject({ type: 'number', minimum: 0.25, maximum: 5 });
    expect(buttons.size_px).toMatchObject({ type: 'number', minimum: 6, maximum: 200 });
  });
});

describe('runTool', () => {
  it('says a call made a change undo can take back (for the panels’ Undo button), and only then', async () => {
    document.body.innerHTML = '<p>x</p><button>Go</button>';
    const context = page();
    expect(await runTool('set_background_color', { color: 'navy' }, context)).toMatchObject({ ok: true, undoable: true });
    expect(await runTool('get_page_html', { selector: 'p' }, context)).not.toHaveProperty('undoable');
    expect(await runTool('set_background_color', { color: 'bogus-colour' }, context)).not.toHaveProperty('undoable');
    expect(await runTool('undo', {}, context)).not.toMatchObject({ undoable: true });
  });

  it('names the available tools when asked for an unknown one', async () => {
    expect(await runTool('delete_page', {}, page())).toEqual({
      ok: false,
      error: expect.stringMatching(/^There is no tool called "delete_page" in the page\. Page tools: get_page_html, set_background_color, set_font_color, set_button_style, undo/),
    });
  });

  it('accepts arguments as a JSON string or an object, and empty arguments as {}', async () => {
    document.body.innerHTML = '<p>x</p>';
    expect(await runTool('get_page_html', '{"selector": "p"}', page())).toMatchObject({ ok: true, html: '<p>x</p>' });
    expect(await runTool('get_page_html', { selector: 'p' }, page())).toMatchObject({ ok: true, html: '<p>x</p>' });
    for (const empty of ['', '  ', null, undefined]) {
      expect(await runTool('get_page_html', empty, page())).toMatchObject({ ok: true, selector: 'body' });
    }
  });

  it('explains bad JSON and arguments that are not an object', async () => {
    expect(await runTool('set_font_color', '{"color": "red"', page())).toEqual({
      ok: false,
      error: 'The arguments for set_font_color are not valid JSON.',
    });
    expect(await runTool('set_font_color', '["red"]', page())).toEqual({
      ok: false,
      error: 'The arguments for set_font_color must be a JSON object.',
    });
    expect(await runTool('set_font_color', 42, page())).toEqual({
      ok: false,
      error: 'The arguments for set_font_color must be a JSON object.',
    });
  });

  it('turns validation issues into one short sentence', async () => {
    expect(await runTool('set_font_color', {}, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_font_color: "color" is required.',
    });
    expect(await runTool('set_font_color', { color: '' }, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_font_color: "color" must not be empty.',
    });
    expect(await runTool('set_button_style', { scale: 'big', selector: 7 }, page())).toEqual({
      ok: false,
      error: 'Invalid arguments for set_button_style: "selector" must be a string; "scale" must be a number.',
    });
  });

  it('returns an exception from a tool as an error instead of throwing', async () => {
    const broken = { ...pageContext(document), document: {} as Document };
    const result = await runTool('get_page_html', {}, broken);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ error: expect.stringMatching(/^get_page_html failed: /) });
  });
});
