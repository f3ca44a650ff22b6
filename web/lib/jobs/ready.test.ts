import { beforeEach, describe, expect, it } from 'vitest';
import {
  announceReady,
  FOCUS_REQUEST_MS,
  type FocusLike,
  mayTakeFocus,
  readyMessage,
  takeFocusRequest,
  useReady,
} from './ready';

const el = (tagName: string, o: Partial<FocusLike> = {}): FocusLike => ({ tagName, ...o });

describe('mayTakeFocus', () => {
  const body = el('BODY');
  const generate = el('BUTTON');

  it('takes focus from where the render started (Generate) or from nowhere', () => {
    expect(mayTakeFocus(generate, generate, body)).toBe(true);
    expect(mayTakeFocus(body, generate, body)).toBe(true);
    expect(mayTakeFocus(null, null, body)).toBe(true);
  });

  it('leaves focus where the person moved it since', () => {
    expect(mayTakeFocus(el('BUTTON'), generate, body)).toBe(false);
    expect(mayTakeFocus(el('A'), body, body)).toBe(false);
  });

  it('never takes it from a field, even the one the render started from (Ctrl+Enter in the prompt)', () => {
    const prompt = el('TEXTAREA');
    expect(mayTakeFocus(prompt, prompt, body)).toBe(false);
    expect(mayTakeFocus(el('INPUT'), body, body)).toBe(false);
    expect(mayTakeFocus(el('SELECT'), body, body)).toBe(false);
    const editable = el('DIV', { isContentEditable: true });
    expect(mayTakeFocus(editable, editable, body)).toBe(false);
  });
});

describe('announceReady', () => {
  beforeEach(() => useReady.setState({ message: '', focus: null }));

  it('puts “Title” is ready in the live region once per job, and asks for focus only when told where it was', () => {
    announceReady({ jobId: 'j1', trackId: 't1', title: 'Rainy Rhodes' });
    expect(useReady.getState().message).toBe(readyMessage('Rainy Rhodes'));
    expect(readyMessage('Rainy Rhodes')).toBe('“Rainy Rhodes” is ready');
    expect(useReady.getState().focus).toBeNull();
    useReady.setState({ message: '' });
    announceReady({ jobId: 'j1', trackId: 't1', title: 'Rainy Rhodes' }); // another view saw it too
    expect(useReady.getState().message).toBe('');

    announceReady({ jobId: 'j2', trackId: 't2', title: 'Dawn', focusFrom: null, now: 1000 });
    expect(useReady.getState().message).toBe('“Dawn” is ready');
    expect(takeFocusRequest('other', 1000)).toBeNull();
    expect(takeFocusRequest('t2', 1000 + FOCUS_REQUEST_MS)).toEqual({ from: null });
    expect(takeFocusRequest('t2', 1000)).toBeNull(); // taken
  });

  it('lets a late Play button go without focus', () => {
    announceReady({ jobId: 'j3', trackId: 't3', title: 'Late', focusFrom: null, now: 0 });
    expect(takeFocusRequest('t3', FOCUS_REQUEST_MS + 1)).toBeNull();
    expect(useReady.getState().focus).toBeNull();
  });
});
