/** Pointer input a viewport takes before Cornerstone's tools listen to it. */
const HELD_ON_ELEMENT = ['wheel', 'mousedown', 'mousemove', 'mouseup', 'dblclick', 'contextmenu'] as const;
/** A drag that began on the viewport may end outside it: the document's moves and release are held too. */
const HELD_ON_DOCUMENT = ['mousemove', 'mouseup'] as const;
/** How long a replayed wheel notch may take to draw its slice before the next input is replayed. */
const NOTCH_DRAWN_TIMEOUT_MS = 1_000;

/** Holds a viewport's pointer input until it can be handed over; `release` replays it, `discard` drops it. */
export interface HeldInput {
  release(): void;
  discard(): void;
}

function copy(event: Event): Event {
  // Constructed from the event itself (its properties as the init dictionary): the original was stopped.
  if (event instanceof WheelEvent) return new WheelEvent(event.type, event);
  if (event instanceof MouseEvent) return new MouseEvent(event.type, event);
  return new Event(event.type, event);
}

/** Resolves when the element has had each event in turn, or at the timeout (a notch past the last slice draws nothing). */
function inTurn(element: HTMLElement, types: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    const done = () => {
      clearTimeout(timer);
      for (const type of new Set(types)) element.removeEventListener(type, onEvent);
      resolve();
    };
    const onEvent = (event: Event) => {
      if (event.type === types[next]) next++;
      if (next === types.length) done();
    };
    const timer = setTimeout(done, timeoutMs);
    for (const type of new Set(types)) element.addEventListener(type, onEvent);
  });
}

/**
 * Holds the wheel notches, clicks and drags a reader gives a viewport shown before Cornerstone's
 * tools are loaded (they load after the first image, off its path), and replays them on the
 * element in order once the tools listen: a wheel notch or a W/L drag in the meantime is applied
 * then, not lost. A notch's slice is drawn before what followed it is replayed (a new slice would
 * otherwise reset a window dragged meanwhile); input arriving during the replay joins its end.
 * Moves with no button down are not kept (hovering), and the document's input is held only during
 * a drag begun on the viewport.
 * @param element - the viewport's element
 * @param notchShown - the events, in turn, by which the element shows a notch's slice (for a stack,
 *   Cornerstone's STACK_NEW_IMAGE then IMAGE_RENDERED: a frame of the old slice may come between)
 */
export function holdInputUntilTools(element: HTMLElement, notchShown: readonly string[]): HeldInput {
  const held: Event[] = [];
  const replayed = new WeakSet<Event>();
  let pressed = false;
  let state: 'holding' | 'replaying' | 'done' = 'holding';
  const onElement = (event: Event) => {
    if (replayed.has(event)) return;
    if (event.type === 'mousemove' && !pressed) return;
    if (event.type === 'mousedown') pressed = true;
    // Released: the drag is over, and the page's moves and releases elsewhere are its own again.
    if (event.type === 'mouseup') pressed = false;
    event.stopImmediatePropagation();
    if (event.type === 'wheel' || event.type === 'contextmenu') event.preventDefault();
    held.push(copy(event));
  };
  const onDocument = (event: Event) => {
    if (replayed.has(event) || !pressed || element.contains(event.target as Node)) return;
    if (event.type === 'mouseup') pressed = false;
    event.stopImmediatePropagation();
    held.push(copy(event));
  };
  for (const type of HELD_ON_ELEMENT) element.addEventListener(type, onElement, { capture: true, passive: false });
  for (const type of HELD_ON_DOCUMENT) document.addEventListener(type, onDocument, true);
  const stop = () => {
    state = 'done';
    held.length = 0;
    for (const type of HELD_ON_ELEMENT) element.removeEventListener(type, onElement, { capture: true });
    for (const type of HELD_ON_DOCUMENT) document.removeEventListener(type, onDocument, true);
  };
  const replay = async () => {
    // On the next task: whoever follows the tools' events from their arrival (whileTools, set up
    // once the session's own set-up, which releases this, has returned) must see the replay too.
    await new Promise((resolve) => setTimeout(resolve, 0));
    while (state === 'replaying' && held.length > 0) {
      const event = held.shift()!;
      replayed.add(event);
      const drawn = event.type === 'wheel' ? inTurn(element, notchShown, NOTCH_DRAWN_TIMEOUT_MS) : null;
      element.dispatchEvent(event);
      if (drawn) await drawn;
    }
    if (state === 'replaying') stop();
  };
  return {
    release() {
      if (state !== 'holding') return;
      state = 'replaying';
      void replay();
    },
    discard: stop,
  };
}
