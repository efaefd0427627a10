import type { Room } from './Room';

/**
 * At most one pending timer per room (the registry's idle unload and its debounced history
 * rewrite): scheduling again replaces the pending one. Timers are unref'd so a pending one
 * never keeps the process alive.
 */
export class RoomTimers {
  readonly #timers = new Map<Room, NodeJS.Timeout>();

  schedule(room: Room, ms: number, fire: (room: Room) => void): void {
    this.cancel(room);
    const timer = setTimeout(() => {
      this.#timers.delete(room);
      fire(room);
    }, ms);
    timer.unref();
    this.#timers.set(room, timer);
  }

  cancel(room: Room): void {
    const timer = this.#timers.get(room);
    if (timer) clearTimeout(timer);
    this.#timers.delete(room);
  }

  has(room: Room): boolean {
    return this.#timers.has(room);
  }

  /** The rooms with a pending timer, as a copy (firing or cancelling them is safe meanwhile). */
  rooms(): Room[] {
    return [...this.#timers.keys()];
  }
}
