# Runs generated NumPy code on small problems it builds itself and prints one JSON line with what
# happened. Written into a scratch folder beside the generated `algorithm.py` by `deconstruct
# verify`, which fills in CONFIG; run with /usr/bin/env python3 under a time limit.
import inspect
import json
import math
import sys
import time
import traceback
import warnings

import numpy as np

CONFIG = json.loads(r"""__CONFIG__""")


def accepted(fn, kwargs):
    """The keyword arguments `fn` takes, out of `kwargs`."""
    names = inspect.signature(fn).parameters
    return {k: v for k, v in kwargs.items() if k in names}


def finite(x):
    try:
        return bool(np.all(np.isfinite(np.asarray(x, dtype=float))))
    except (TypeError, ValueError):
        return True


# The problems: a convex quadratic and the Rosenbrock function, with their gradients.
rng = np.random.default_rng(20240601)
DIM = 10
curvature = rng.uniform(0.5, 2.0, DIM)
center = rng.standard_normal(DIM)


def quadratic(x):
    return 0.5 * float(np.sum(curvature * (x - center) ** 2))


def quadratic_grad(x):
    return curvature * (x - center)


def rosenbrock(x):
    return float((1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2)


def rosenbrock_grad(x):
    return np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])


PROBLEMS = [
    {"name": "convex quadratic", "detail": "f(x) = sum(a_i (x_i - b_i)^2) / 2, d = 10",
     "loss": quadratic, "grad": quadratic_grad, "start": center + rng.choice([-1.0, 1.0], DIM), "steps": 5000},
    {"name": "Rosenbrock", "detail": "f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1)",
     "loss": rosenbrock, "grad": rosenbrock_grad, "start": np.array([-1.2, 1.0]), "steps": 20000},
]


def run_optimizer(alg, problem, settings):
    params = [np.array(problem["start"], dtype=float)]
    state = alg.init_state(params, **accepted(alg.init_state, settings))
    kwargs = accepted(alg.step, settings)
    loss, grad = problem["loss"], problem["grad"]
    initial = loss(params[0])
    result = {"problem": problem["name"], "detail": problem["detail"], "initial": initial, "steps": 0, "finite": True}
    for k in range(problem["steps"]):
        alg.step(params, [grad(params[0])], state, **kwargs)
        result["steps"] = k + 1
        value = loss(params[0]) if finite(params[0]) else float("nan")
        if not math.isfinite(value):
            result["finite"] = False
            break
    result["final"] = loss(params[0]) if finite(params[0]) else float("nan")
    result["converged"] = result["finite"] and result["final"] <= 1e-3 * initial
    return result


def quadratic_of_first(x, *rest):
    return quadratic(np.resize(np.asarray(x, dtype=float), DIM))


def argument(spec):
    """A value for a positional argument of a procedure."""
    if spec["kind"] == "function":
        return quadratic_of_first
    if spec["kind"] == "gradient":
        position = spec.get("position") or 0

        def gradient(*args):
            x = np.asarray(args[position], dtype=float)
            return np.resize(quadratic_grad(np.resize(x, DIM)), x.shape) if position == 0 else np.zeros_like(x)
        return gradient
    if spec.get("matrix"):
        return rng.uniform(0.5, 1.5, (DIM, DIM))
    return rng.uniform(0.5, 1.5, DIM)


def run_procedure(alg, settings):
    fn = getattr(alg, CONFIG["function"])
    args = [argument(spec) for spec in CONFIG["arguments"]]
    out = fn(*args, **accepted(fn, settings))
    values = out if isinstance(out, tuple) else (out,)
    ok = all(finite(v) for v in values if v is not None and not callable(v))
    return {"problem": "generated inputs", "detail": CONFIG["inputs"], "finite": ok,
            "returned": [np.asarray(v).shape.__repr__() for v in values if v is not None and not callable(v)]}


def main():
    report = {"runs": False, "results": [], "warnings": []}
    np.seterr(all="warn")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        started = time.time()
        try:
            sys.path.insert(0, ".")
            import algorithm as alg
            settings = dict(CONFIG["assumed"])
            if CONFIG["shape"] == "optimizer":
                # Functions an optimizer calls itself (an estimator) are keyword arguments.
                for spec in CONFIG["arguments"]:
                    settings[spec["name"]] = argument(spec)
                for problem in PROBLEMS:
                    report["results"].append(run_optimizer(alg, problem, settings))
            else:
                report["results"].append(run_procedure(alg, settings))
            report["runs"] = True
        except Exception as error:  # the generated code failed: report where
            report["error"] = "".join(traceback.format_exception_only(type(error), error)).strip()
            report["traceback"] = traceback.format_exc().strip().splitlines()[-6:]
        report["seconds"] = time.time() - started
    report["warnings"] = sorted({str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)})[:5]
    print(json.dumps(safe(report)))


def safe(value):
    """JSON without NaN or infinity (written as strings)."""
    if isinstance(value, dict):
        return {k: safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [safe(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else str(float(value))
    if isinstance(value, (np.integer, np.bool_)):
        return value.item()
    return value


main()
