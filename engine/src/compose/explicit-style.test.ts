// An explicit `style` (a vocabulary id) reaches the plan, beating the style the prompt's words name
// and an explicit genre of another style; an unknown id is refused before any work.
import { describe, expect, it } from 'vitest';
import { EngineParamError } from '../types.ts';
import { composePlan } from './compose-plan.ts';
import { validateGenerateParams } from './validate.ts';

const base = { durationSec: 30, seed: 7 };

describe('explicit style', () => {
  it('without it, the prompt words choose; with it, the explicit style wins and sets the genre', () => {
    const prompt = 'bossa nova by the sea';
    expect(composePlan({ ...base, prompt }).style).toBe('bossa-nova');
    const plan = composePlan({ ...base, prompt, style: 'reggae' });
    expect(plan.style).toBe('reggae');
    expect(plan.genre).toBe('world');
  });

  it('a preset that could only send genre "world" keeps its style now', () => {
    const prompt = 'sunny afternoon, relaxed';
    expect(composePlan({ ...base, prompt, genre: 'world' }).style).not.toBe('reggae');
    expect(composePlan({ ...base, prompt, genre: 'world', style: 'reggae' }).style).toBe('reggae');
  });

  it('is deterministic: same params and seed, same plan', () => {
    const p = { ...base, prompt: 'calm evening', style: 'waltz' };
    expect(JSON.stringify(composePlan(p))).toBe(JSON.stringify(composePlan(p)));
    expect(composePlan(p).meter).toBe('3/4');
  });

  it('an unknown id is an EngineParamError naming the field', () => {
    expect(() => validateGenerateParams({ ...base, prompt: 'x', style: 'polka-step' })).toThrow(
      EngineParamError,
    );
    expect(() => validateGenerateParams({ ...base, prompt: 'x', style: 'reggae' })).not.toThrow();
  });
});
