/**
 * WorkStack: the explicit work list that makes the request lifecycle iterative.
 *
 * A hop (an attempt reaching its node, a response reaching its caller) is pushed here
 * instead of being called, and the event loop drains the stack after every event. It is a
 * stack, so the work runs depth first, exactly in the order the old recursive calls ran: a
 * step that has more to do after a hop pushes its own continuation *before* the hop.
 * Chain depth is bounded by memory, not by the JavaScript call stack.
 *
 * Memory layout (parallel typed arrays, grown by doubling): op: Uint8Array, a/b/c: Int32Array.
 * Op codes and their payloads are defined in ../codes.ts.
 */
export class WorkStack {
  size = 0;
  op: Uint8Array = new Uint8Array(256);
  a: Int32Array = new Int32Array(256);
  b: Int32Array = new Int32Array(256);
  c: Int32Array = new Int32Array(256);

  push(op: number, a: number, b: number, c: number): void {
    const k = this.size;
    if (k === this.op.length) this.grow();
    this.op[k] = op;
    this.a[k] = a;
    this.b[k] = b;
    this.c[k] = c;
    this.size = k + 1;
  }

  private grow(): void {
    const n = this.op.length * 2;
    const op = new Uint8Array(n);
    op.set(this.op);
    this.op = op;
    const a = new Int32Array(n);
    a.set(this.a);
    this.a = a;
    const b = new Int32Array(n);
    b.set(this.b);
    this.b = b;
    const c = new Int32Array(n);
    c.set(this.c);
    this.c = c;
  }
}
