/**
 * The Python the export is made of: the seed's own code ("No Use Case:
 * Meshing", parts 2 and 3), ported to Python 3 with as few changes as will
 * run, each one marked `# Python 3:`. Kept apart from python-export.ts so
 * that this file reads like the articles.
 */
import type { NodeKind } from '../engine'

export const TASKLET = `# ---- tasklet.py: the seed's Tasklet (Part 2), ported to Python 3 -----------

def coroutine(func):
    def start(*args, **kwargs):
        cr = func(*args, **kwargs)
        next(cr)
        return cr
    start.__name__ = func.__name__
    return start


class Tasklet(object):
    def __init__(self, fn=None, *args, **kwargs):
        self.set(fn, *args, **kwargs)

    def set(self, fn=None, *args, **kwargs):
        def default_coro(*args, **kwargs):
            try:
                while True:
                    i = (yield)
            except GeneratorExit:
                return  # Python 3: was \`raise StopIteration\` (PEP 479)

        if fn == None:
            fn = default_coro
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.coro = fn(*args, **kwargs)
        self.coro.gi_frame.f_globals['self'] = self  # magic injection!
        self.items = collections.deque()
        self.closed = False
        self._name = fn.__name__
        return self

    def send(self, *args, **kwargs):
        self.items.append((args, kwargs))
        return self

    def next(self):
        try:
            return self.__next__()
        except StopIteration:
            pass

    def last(self):
        try:
            return self.__next__(last=True)
        except StopIteration:
            pass

    def flush(self):
        return [pending for pending in self]

    def clear(self):
        self.items.clear()
        return self

    def rescope(self, *args, **kwargs):
        dq = self.items
        self.set(self.fn, *args, **kwargs)
        self.items = dq
        return self

    def restart(self):
        self.set(self.fn, *self.args, **self.kwargs)

    def close(self):
        self.coro.close()
        self.closed = True
        return self

    def __call__(self, *args, **kwargs):
        return self.send(*args, **kwargs)

    def __next__(self, last=False):
        try:
            if last:
                args, kwargs = self.items.pop()
            else:
                args, kwargs = self.items.popleft()
        except IndexError:
            raise StopIteration
        try:
            self.coro.send(*args, **kwargs)
            return (args, kwargs)
        except StopIteration:
            self.closed = True
            raise
        except TypeError as ex:
            if str(ex) == "can't send non-None value to a just-started generator":
                next(self.coro)
                self.coro.send(*args, **kwargs)
                return (args, kwargs)
            else:
                raise

    def __iter__(self):
        while True:
            try:
                yield self.__next__()
            except StopIteration:
                return  # Python 3: a generator ends by returning (PEP 479)

    def __repr__(self):
        return self._name
`

/** Each kind's coroutine as the seed wrote it; its parameters are the kind's ports, then its params. */
export const KIND_SOURCES: Record<NodeKind, string> = {
  group: `@coroutine
def group(*targets):
    # A group's inside (a mesh with its own scheduler) is not exported: see the comment at its tasklet.
    while True:
        i = (yield)
`,
  code: `@coroutine
def code(*targets):
    # A code node's JavaScript does not run here: see the comment at its tasklet.
    while True:
        i = (yield)
`,
  start: `@coroutine
def start(target):
    while True:
        i = (yield)
        target(i + 1)
`,
  branch: `@coroutine
def branch(left, right, rand):
    # Playground: \`random\` is the run's own generator (see RunRandom), not Python's.
    while True:
        i = (yield)
        if i % 2 == 0:
            left(i)
        elif random.randint(1, 2) == 1:
            rand(i)
        else:
            right(i)
`,
  doubler: `@coroutine
def doubler(target):
    while True:
        i = (yield)
        target('2x{}'.format(i))
`,
  tripler: `@coroutine
def tripler(target):
    while True:
        i = (yield)
        target('3x{}'.format(i))
`,
  recycler: `@coroutine
def recycler(beginning, sink):
    # Playground: \`random\` is the run's own generator (see RunRandom), not Python's.
    while True:
        i = (yield)
        if random.randint(1, 2) == 1:
            beginning(i)
        else:
            sink(i)
`,
  sink: `@coroutine
def sink():
    while True:
        i = (yield)
        print ("Sink got: {}".format(i))
`,
  echoer: `@coroutine
def echoer(target, suffix):
    while True:
        i = (yield)
        target(", ".join([i, suffix]))
`,
}

/**
 * The playground's generator (mulberry32, as in src/engine/prng.ts), so the
 * script draws the numbers the playground's run drew with the same seed and
 * takes the same paths. Named `random` and shaped like Python's module, so
 * the seed's `random.randint(1, 2)` reads as the articles wrote it.
 */
export const RUN_RANDOM = `# ---- the playground's random numbers ---------------------------------------

class RunRandom(object):
    """The playground's generator, mulberry32: its whole state is one 32-bit
    integer, and the same seed draws the same numbers as in the playground."""
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def random(self):
        """A float in [0, 1)."""
        self.state = t = (self.state + 0x6D2B79F5) & 0xFFFFFFFF
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & 0xFFFFFFFF
        return (t ^ (t >> 14)) / 4294967296

    def randint(self, lo, hi):
        """An integer in [lo, hi], both ends included, as Python's random.randint."""
        return lo + int(self.random() * (hi - lo + 1))
`

export const WIRING = `# ---- wiring: how the playground joins ports to tasklets -------------------

def fan_out(*targets):
    """A port wired to several tasklets sends to each, in the order they were wired."""
    def send(*args, **kwargs):
        for target in targets:
            target(*args, **kwargs)
    return send


def unwired(*args, **kwargs):
    """A port wired to nothing: the item is dropped."""
`

export const TASKMASTER = {
  flush: `def taskmaster(tasks):
    """The seed's scheduler (Part 3): every tasklet flushes in its turn,
    round after round, until no one in the group did any work."""
    while any([task.flush() for task in tasks]): pass
`,
  next: `def taskmaster(tasks):
    """The seed's scheduler (Part 3), with task.flush() changed to
    task.next() "for more fine-grained interleaving"."""
    while any([task.next() for task in tasks]): pass
`,
}

export const PRIORITY = `class PriorityTasklet(Tasklet):
    def __init__(self, fn=None, priority=None, *args, **kwargs):
        Tasklet.__init__(self, fn, *args, **kwargs)
        self.priority = priority

    def get_priority(self):
        if self.priority:
            return self._get_value(self.priority)
        else:
            return 0

    def name(self, name):
        self._name = name
        return self

    def _get_value(self, obj):
        while callable(obj):
            obj = obj()
        return obj


class PriorityScheduler(PriorityQueue):
    def __init__(self, tasklets=None):
        PriorityQueue.__init__(self)
        if tasklets == None:
            self.tasklets = []
        else:
            self.tasklets = tasklets
        # Python 3: tasklets cannot be compared, so equal priorities go in put order.
        self.counter = itertools.count()

    def flush(self, incremental=False):
        self._fill()
        while self._process(incremental):
            self._fill()

    def _fill(self):
        if self.tasklets:
            ([self.put((task.get_priority(), next(self.counter), task))
              for task in self.tasklets if task.items])

    def _process(self, incremental):
        results = []
        while True:
            try:
                priority, _, task = self.get(block=False)
                print ("Scheduler executes {} on priority {}".format(task, priority, task.items))
                for i, item in enumerate(task.items):
                    if i == 0:
                        print (" {} <-- processing this item".format(item))
                    else:
                        print (" {}".format(item))
                result = task.next() if incremental else task.flush()
                if task.items:
                    print ("Scheduler puts {} back into priority queue.".format(task))
                    self.put((task.get_priority(), next(self.counter), task))
                try:
                    results.extend(result)
                except TypeError:  # result is not an iterable
                    results.append(result)
            except Empty:
                break
        return results
`

/** The playground's limits and error rule, on top of the seed's tasklet (`base`). */
export function meshTasklet(base: 'Tasklet' | 'PriorityTasklet'): string {
  const name =
    base === 'Tasklet'
      ? `
    def name(self, name):
        self._name = name
        return self
`
      : ''
  return `# ---- the playground's rules, on top of the seed's tasklet -------------------

class Stopped(Exception):
    """One of the mesh's limits stopped the run."""


class MeshTasklet(${base}):
    """The seed's tasklet with the playground's limits (an activation budget
    and a cap on every queue) and its rule for errors: a tasklet whose
    coroutine raises is closed, and the rest of the mesh runs on."""
    activations = 0
    halt = None
${name}
    def send(self, *args, **kwargs):
        if len(self.items) >= MAX_QUEUE:
            if MeshTasklet.halt is None:
                MeshTasklet.halt = "{}'s queue is full ({} items); new items are dropped".format(self, MAX_QUEUE)
            return self
        return ${base}.send(self, *args, **kwargs)

    def __next__(self, last=False):
        if self.items:
            MeshTasklet.activations += 1
        try:
            result = ${base}.__next__(self, last)
        except StopIteration:
            MeshTasklet.check_budget()
            raise
        except Stopped:
            raise
        except Exception as ex:
            self.closed = True
            print ("{} closed by {}: {}".format(self, type(ex).__name__, ex))
            MeshTasklet.check_budget()
            raise StopIteration
        if MeshTasklet.halt is not None:
            raise Stopped(MeshTasklet.halt)
        MeshTasklet.check_budget()
        return result

    @staticmethod
    def check_budget():
        # Right after the activation that spends it, as the playground stops:
        # before the scheduler prints or puts back anything more.
        if MeshTasklet.activations >= MAX_ACTIVATIONS and any(task.items for task in tasks):
            raise Stopped("the activation budget ({}) is spent".format(MAX_ACTIVATIONS))
`
}
