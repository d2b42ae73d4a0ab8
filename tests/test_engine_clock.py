"""engine/clock.py: simpy's classes without their self-references, and AllDone in AllOf's
place. Each is checked against simpy's own behaviour, step by step."""

import random

import pytest
import simpy

from simulator.engine.clock import AllDone, Clock


def wake_order(env, waiter, seed: int) -> list[tuple[float, str]]:
    """Processes that end at random (often equal) times, and waiters on groups of them,
    built with `waiter(env, events)`: the order in which everything wakes up."""
    rng = random.Random(seed)
    log: list[tuple[float, str]] = []

    def worker(name, delay):
        yield env.timeout(delay)
        log.append((env.now, name))
        yield env.timeout(0)  # more events at the same time, before and after the waiters'
        log.append((env.now, f"{name} again"))
        env.process(echo(name))

    def echo(name):
        log.append((env.now, f"{name} echo"))
        yield env.timeout(0)

    def watcher(name, events):
        yield waiter(env, events)
        log.append((env.now, name))
        yield env.timeout(0)
        log.append((env.now, f"{name} again"))

    workers = [env.process(worker(f"w{i}", rng.choice([1, 2, 2, 3]))) for i in range(8)]
    for i, proc in enumerate(workers):  # the step at which each process's end is processed
        proc.callbacks.append(lambda _, i=i: log.append((env.now, f"w{i} ended")))
    for i in range(6):
        group = rng.sample(workers, rng.randint(0, 4))
        env.process(watcher(f"all{i}", group))
    env.run()
    return log


@pytest.mark.parametrize("seed", range(20))
def test_all_done_wakes_its_waiter_at_the_step_all_of_does(seed):
    expected = wake_order(simpy.Environment(), lambda env, evs: env.all_of(evs), seed)
    assert wake_order(Clock(), AllDone, seed) == expected


def test_all_done_fails_with_the_first_failure_and_takes_it_over():
    env = Clock()

    def fails(delay, message):
        yield env.timeout(delay)
        raise ValueError(message)

    def fine():
        yield env.timeout(5)

    children = [env.process(fails(2, "first")), env.process(fails(3, "second")),
                env.process(fine())]  # fmt: skip
    seen = []

    def waiter():
        try:
            yield AllDone(env, children)
        except ValueError as exc:
            seen.append((env.now, str(exc)))

    env.process(waiter())
    with pytest.raises(ValueError, match="second"):  # nobody waits for the second failure
        env.run()
    assert seen == [(2, "first")]  # the first failure, defused: it did not crash the clock


def test_a_clock_is_not_a_reference_cycle():
    import gc

    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        env = Clock()

        def tick(clock):
            yield clock.timeout(1)

        env.process(tick(env))
        env.run()
        del env
        gc.collect()
        assert [type(o).__name__ for o in gc.garbage] == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
