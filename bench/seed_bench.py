"""The seed's own Python (Meshing Parts 2 and 3) on the engine benchmark's
three meshes, to compare activations per second. The Tasklet, taskmaster
and PriorityScheduler are the seed's code, with its print statements left
out (they would measure the terminal) and an activation budget added where
a mesh never runs dry. Prints one JSON object: activations per second."""
import collections
import json
import sys
import time
try:
    from queue import PriorityQueue, Empty
except ImportError:
    from Queue import PriorityQueue, Empty

_PY_VERSION = sys.version[0]


class Tasklet(object):
    def __init__(self, fn=None, *args, **kwargs):
        self.set(fn, *args, **kwargs)

    def set(self, fn=None, *args, **kwargs):
        def default_coro(*args, **kwargs):
            while True:
                i = (yield)
        if fn == None:
            fn = default_coro
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.coro = fn(*args, **kwargs)
        next(self.coro)
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

    def flush(self):
        return [pending for pending in self]

    def rescope(self, *args, **kwargs):
        dq = self.items
        self.set(self.fn, *args, **kwargs)
        self.items = dq
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

    def __iter__(self):
        while True:
            try:
                yield self.__next__()
            except StopIteration:
                return

    def __repr__(self):
        return self._name


class PriorityTasklet(Tasklet):
    def __init__(self, fn=None, priority=None, *args, **kwargs):
        Tasklet.__init__(self, fn, *args, **kwargs)
        self.priority = priority

    def get_priority(self):
        if self.priority:
            return self._get_value(self.priority)
        else:
            return 0

    def _get_value(self, obj):
        while callable(obj):
            obj = obj()
        return obj


class Budget(Exception):
    pass


class PriorityScheduler(PriorityQueue):
    def __init__(self, tasklets=None, budget=None):
        PriorityQueue.__init__(self)
        self.tasklets = tasklets or []
        self.budget = budget
        self.count = 0
        self.seq = 0

    def put_task(self, task):
        # Python 3 cannot compare tasklets: ties go first in, first out.
        self.seq += 1
        self.put((task.get_priority(), self.seq, task))

    def flush(self, incremental=False):
        self._fill()
        while self._process(incremental):
            self._fill()

    def _fill(self):
        if self.tasklets:
            [self.put_task(task) for task in self.tasklets if task.items]

    def _process(self, incremental):
        results = []
        while True:
            try:
                priority, _, task = self.get(block=False)
                result = task.next() if incremental else task.flush()
                self.count += 1
                if self.budget and self.count >= self.budget:
                    raise Budget()
                if task.items:
                    self.put_task(task)
                try:
                    results.extend(result)
                except TypeError:
                    results.append(result)
            except Empty:
                break
        return results


def start(target):
    while True:
        i = (yield)
        target(i + 1)


def doubler(target):
    while True:
        i = (yield)
        target('2x{}'.format(i))


def tripler(target):
    while True:
        i = (yield)
        target('3x{}'.format(i))


def sink(out):
    while True:
        i = (yield)
        out.append(i)


def case1():
    out = []
    s = Tasklet(sink, out)
    d = Tasklet(doubler, s)
    t = Tasklet(tripler, s)

    def fan(v):
        d(v)
        t(v)
    a = Tasklet(start, fan)
    for i in range(100000):
        a(i)
    tasks = [a, d, t, s]
    t0 = time.perf_counter()
    while any([task.flush() for task in tasks]):
        pass
    return 500000 / (time.perf_counter() - t0)


def case2():
    first = Tasklet(start, None)
    second = Tasklet(start, first)
    first.rescope(second).send(1)
    tasks = [first, second]
    n = 0
    t0 = time.perf_counter()
    while any([task.next() for task in tasks]):
        n += 2
        if n >= 1000000:
            break
    return n / (time.perf_counter() - t0)


def case3():
    x = PriorityTasklet(start, 3, None)
    y = PriorityTasklet(start, 1, None)
    z = PriorityTasklet(start, 2, x)
    y.rescope(z)
    x.rescope(y)
    for i in range(1000):
        x(i)
    scheduler = PriorityScheduler([x, y, z], budget=1000000)
    t0 = time.perf_counter()
    try:
        scheduler.flush(incremental=True)
    except Budget:
        pass
    return scheduler.count / (time.perf_counter() - t0)


if __name__ == '__main__':
    best = {}
    for name, fn in [('case1', case1), ('case2', case2), ('case3', case3)]:
        best[name] = max(fn() for _ in range(3))
    print(json.dumps(best))
