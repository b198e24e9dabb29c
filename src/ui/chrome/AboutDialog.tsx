/**
 * "About the model": what archsim simulates and what it leaves out, so a number is read for
 * what it is. Kept in step with docs/SEMANTICS.md (engine) and src/analysis (the canvas overlay).
 */
import { useAppStore } from '../../store/useAppStore.ts';
import { Dialog } from './Dialog.tsx';

const ENGINE: [title: string, text: string][] = [
  [
    'Components are queues with workers',
    'Each component serves one attempt per worker, with service times drawn from the distribution you pick; the rest wait in its queue (or are rejected when it is full). CPU, memory, garbage collection, threads beyond the worker count and disk are not modelled.',
  ],
  [
    'The network is a fixed delay',
    'A call adds its latency (a round trip, half each way). There is no bandwidth, packet loss, congestion or payload size. Partitions and added latency happen only as failures in the scenario.',
  ],
  [
    'Timeouts do not cancel work',
    'A timeout ends only the caller’s wait: the callee keeps working, its side effects still happen, and no deadline travels downstream.',
  ],
  [
    'Workers and calls',
    'By default a service frees its worker while it waits on its calls (event-loop style); “blocking calls” keeps it busy until they return (thread per request). A queue consumer keeps its slot until it acks.',
  ],
  [
    'Queues are at-least-once, SQS-like',
    'A delivered message becomes invisible for the visibility timeout and comes back if not acked. An ack deletes the message by id (simpler than receipt handles). No FIFO groups, no exactly-once delivery.',
  ],
  [
    'Caches hold keys, not data',
    'Hit-ratio mode hits with a fixed probability. Key-space mode draws keys from a Zipf distribution into an LRU; an entry is stored when a miss returns, expires after its TTL (hits do not refresh it), and nothing else invalidates it.',
  ],
  [
    'Databases are connection pools',
    'Reads and writes take their own service times on a pool of connections. Locks, transactions, replication lag and storage limits are not modelled; a write is a side effect.',
  ],
  [
    'Traffic and failures are what the scenario says',
    'Clients send at the scheduled rate (Poisson or constant) or as a closed loop of users with exponential think times. Requests are independent: no sessions or payloads. No component breaks unless the scenario schedules a failure or gives it an error rate; overload still shows as queueing, timeouts and rejections.',
  ],
  [
    'One run is one sample',
    'Metrics exclude the warm-up. A single seed is one random outcome: use Replicate for means with 95 % confidence intervals.',
  ],
];

const OVERLAY: [title: string, text: string][] = [
  [
    'λ and ρ on the cards come from equations, not from a run',
    'They are the offered load: an overloaded component upstream still passes all its traffic on (only a rate limiter caps it). Retries count only the callee’s own error rate, not timeouts or 429s; queue redeliveries are not counted.',
  ],
  [
    'Expected waits are queueing-theory approximations',
    'M/M/c (Erlang C), M/G/c (Allen–Cunneen), M/M/c/K and Erlang B, assuming steady state. Closed loops are solved approximately. Run the simulation for transients, failures, retries and tails.',
  ],
];

export function AboutDialog() {
  const open = useAppStore((s) => s.aboutOpen);
  const setOpen = useAppStore((s) => s.setAboutOpen);
  if (!open) return null;
  const close = () => setOpen(false);
  return (
    <Dialog labelledBy="about-title" onClose={close} className="about" testId="about">
      <header className="dialog-head">
        <h2 id="about-title">About the model: what it simplifies</h2>
        <button type="button" className="btn icon ghost" onClick={close} aria-label="Close about">
          ×
        </button>
      </header>
      <p className="dialog-sub">
        archsim is a discrete-event simulation of requests through your design. It is exact about queues, retries, timeouts and failures,
        and deliberately simple about the rest:
      </p>
      <h3>The simulation</h3>
      <dl className="about-list">
        {ENGINE.map(([t, d]) => (
          <div key={t}>
            <dt>{t}</dt>
            <dd>{d}</dd>
          </div>
        ))}
      </dl>
      <h3>The capacity overlay while you edit</h3>
      <dl className="about-list">
        {OVERLAY.map(([t, d]) => (
          <div key={t}>
            <dt>{t}</dt>
            <dd>{d}</dd>
          </div>
        ))}
      </dl>
      <p className="dialog-sub">
        The exact conventions (request vs attempt, capacity K, token refill, breaker windows, when a message counts as delivered) are in
        docs/SEMANTICS.md.
      </p>
    </Dialog>
  );
}
