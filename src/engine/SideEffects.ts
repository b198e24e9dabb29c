/**
 * SideEffects: what a request did to the world, kept per request so that nothing on the
 * per-event path needs a Map and forgetting a finished request costs only its own entries.
 *
 * Every key a request uses (its idempotency key, a new key per retry when keys are not
 * reused) belongs to that request alone, so per-request lists hold exactly what the per-node
 * maps used to: one entry per (node, operation), where the operation is the edge the attempt
 * came in on and, for key-based entries, the key.
 *
 *   entry kind  ENT_COUNT   side effects executed for (node, edge)       value = count
 *               ENT_APPLIED a unique key / receiver dedupe applied once  value = 1
 *               ENT_IDEM    service idempotency store for (node, key, edge): value −1 in progress, else completion time
 *
 * Memory layout: a struct-of-arrays pool of entries (node, edge: Int32; key, value: Float64;
 * kind: Uint8; next: Int32) with a free list; each request holds the head of its list.
 */
import { growF64, growI32, growU8 } from './pools.ts';

export const ENT_COUNT = 0,
  ENT_APPLIED = 1,
  ENT_IDEM = 2;

export class SideEffects {
  node = new Int32Array(256);
  edge = new Int32Array(256);
  key = new Float64Array(256);
  value = new Float64Array(256);
  kind = new Uint8Array(256);
  next = new Int32Array(256);
  private freeHead = -1;
  private used = 0;

  /** The entry of `kind` for (node, edge, key) in the list starting at `head`, or −1. */
  find(head: number, kind: number, node: number, edge: number, key: number): number {
    for (let x = head; x >= 0; x = this.next[x]!) {
      if (this.kind[x] === kind && this.node[x] === node && this.edge[x] === edge && this.key[x] === key) return x;
    }
    return -1;
  }

  /** Add an entry in front of `head`; returns the new head (the entry). */
  add(head: number, kind: number, node: number, edge: number, key: number, value: number): number {
    let x = this.freeHead;
    if (x >= 0) this.freeHead = this.next[x]!;
    else {
      if (this.used === this.node.length) this.grow();
      x = this.used++;
    }
    this.kind[x] = kind;
    this.node[x] = node;
    this.edge[x] = edge;
    this.key[x] = key;
    this.value[x] = value;
    this.next[x] = head;
    return x;
  }

  /** Remove entry x from the list starting at `head`; returns the new head. */
  remove(head: number, x: number): number {
    let h = head;
    if (h === x) h = this.next[x]!;
    else {
      let p = head;
      while (this.next[p] !== x) p = this.next[p]!;
      this.next[p] = this.next[x]!;
    }
    this.next[x] = this.freeHead;
    this.freeHead = x;
    return h;
  }

  /** Free a whole list. */
  freeList(head: number): void {
    let x = head;
    while (x >= 0) {
      const nx = this.next[x]!;
      this.next[x] = this.freeHead;
      this.freeHead = x;
      x = nx;
    }
  }

  private grow(): void {
    const n = this.node.length * 2;
    this.node = growI32(this.node, n);
    this.edge = growI32(this.edge, n);
    this.next = growI32(this.next, n);
    this.key = growF64(this.key, n);
    this.value = growF64(this.value, n);
    this.kind = growU8(this.kind, n);
  }
}
