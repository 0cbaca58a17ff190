/** A binary min-heap of (key, node) pairs on typed arrays; stale entries are skipped by the caller. */
export class MinHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const n = new Int32Array(this.size * 2);
      n.set(this.nodes);
      this.nodes = n;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.nodes[i] = this.nodes[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  /** Smallest key; call popNode() afterwards to remove it. */
  peekKey(): number {
    return this.keys[0];
  }

  popNode(): number {
    const top = this.nodes[0];
    const last = --this.size;
    if (last > 0) {
      const key = this.keys[last];
      const node = this.nodes[last];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= last) break;
        if (child + 1 < last && this.keys[child + 1] < this.keys[child]) child++;
        if (this.keys[child] >= key) break;
        this.keys[i] = this.keys[child];
        this.nodes[i] = this.nodes[child];
        i = child;
      }
      this.keys[i] = key;
      this.nodes[i] = node;
    }
    return top;
  }
}
