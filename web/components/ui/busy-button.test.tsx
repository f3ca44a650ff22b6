import type { MouseEvent, ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { BusyButton, type BusyButtonProps } from './busy-button';

/** The <button> element BusyButton returns, and a press of it (whether its default was prevented). */
function press(props: BusyButtonProps) {
  const el = BusyButton(props) as ReactElement<{ onClick: (e: MouseEvent<HTMLButtonElement>) => void }>;
  const preventDefault = vi.fn();
  el.props.onClick({ preventDefault } as unknown as MouseEvent<HTMLButtonElement>);
  return { prevented: preventDefault.mock.calls.length > 0 };
}

describe('BusyButton', () => {
  it('is never natively disabled: aria-disabled while busy or unavailable, so focus stays on it', () => {
    const idle = renderToStaticMarkup(<BusyButton className="x">Generate Music</BusyButton>);
    expect(idle).toBe('<button class="x" type="button" aria-disabled="false">Generate Music</button>');
    const busy = renderToStaticMarkup(
      <BusyButton type="submit" busy busyLabel="Starting…">
        Generate Music
      </BusyButton>,
    );
    expect(busy).toBe('<button type="submit" aria-disabled="true">Starting…</button>');
    expect(renderToStaticMarkup(<BusyButton unavailable>Next</BusyButton>)).toBe(
      '<button type="button" aria-disabled="true">Next</button>',
    );
    // Unavailable is not busy: it keeps its words.
    expect(
      renderToStaticMarkup(
        <BusyButton unavailable busyLabel="…">
          Next
        </BusyButton>,
      ),
    ).toContain('>Next<');
  });

  it('refuses presses while busy or unavailable (a submit button does not submit), and passes them on otherwise', () => {
    const onClick = vi.fn();
    expect(press({ busy: true, onClick, type: 'submit' })).toEqual({ prevented: true });
    expect(press({ unavailable: true, onClick })).toEqual({ prevented: true });
    expect(onClick).not.toHaveBeenCalled();
    expect(press({ onClick, type: 'submit' })).toEqual({ prevented: false });
    expect(onClick).toHaveBeenCalledOnce();
  });
});
