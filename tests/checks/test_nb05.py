"""The checks of notebook 05 reject the catalogue's mistakes and accept correct alternatives."""
import numpy as np
import pytest

from utils.checks.framework import CheckFailed, NotImplementedYet
from utils.checks import nb05
from checktools import accepted_or_told, accepts, rejects

NAMES = ("train_validation_split", "l2_penalty", "add_l2_gradient", "early_stopping",
         "momentum_step", "adam_step", "clip_by_global_norm")


@pytest.fixture(scope="module")
def sol():
    return dict(zip(NAMES, nb05.catch_up(*NAMES)))


def test_solution_passes_every_check(sol, capsys):
    nb05.train_validation_split(sol["train_validation_split"])
    nb05.l2_regularization(sol["l2_penalty"], sol["add_l2_gradient"])
    nb05.early_stopping(sol["early_stopping"])
    nb05.optimiser_steps(sol["momentum_step"], sol["adam_step"])
    nb05.clip_by_global_norm(sol["clip_by_global_norm"])
    out = capsys.readouterr().out
    assert out.count("✔") == 5 and "✘" not in out


def test_progress_counts_the_solution_as_done(sol, capsys):
    nb05.progress(sol)
    assert "0 passed, 5 caught up, 0 failing, 0 not started." in capsys.readouterr().out


# -- train_validation_split -----------------------------------------------------
def split_overlapping(X, y, fraction, rng):
    n = len(y)
    val = rng.choice(n, size=int(round(fraction * n)), replace=False)
    train = rng.permutation(n)[: n - len(val)]          # drawn separately: overlaps val
    return X[train], y[train], X[val], y[val]


def split_losing_samples(X, y, fraction, rng):
    n = len(y)
    order = rng.permutation(n)
    n_train, n_val = int(n * (1 - fraction)), int(n * fraction)   # both rounded down
    return X[order[:n_train]], y[order[:n_train]], X[order[n - n_val:]], y[order[n - n_val:]]


def split_with_replacement(X, y, fraction, rng):
    n = len(y)
    order = rng.choice(n, size=n, replace=True)
    n_val = int(round(fraction * n))
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]


def split_not_shuffled(X, y, fraction, rng):
    n_val = int(round(fraction * len(y)))
    return X[:-n_val], y[:-n_val], X[-n_val:], y[-n_val:]


def split_mismatched(X, y, fraction, rng):
    n = len(y)
    n_val = int(round(fraction * n))
    a, b = rng.permutation(n), rng.permutation(n)        # X and y shuffled differently
    return X[a[n_val:]], y[b[n_val:]], X[a[:n_val]], y[b[:n_val]]


def split_ignoring_rng(X, y, fraction, rng):
    order = np.random.default_rng(123).permutation(len(y))
    n_val = int(round(fraction * len(y)))
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]


def test_split_rejects_overlap():
    rejects(nb05.train_validation_split, split_overlapping, words=["in both", "overlap"])


def test_split_rejects_losing_samples():
    rejects(nb05.train_validation_split, split_losing_samples, words=["loses samples"])


def test_split_rejects_repeated_samples():
    """Named as drawing with replacement, not as an overlap (issue 15: misnamed causes)."""
    message = rejects(nb05.train_validation_split, split_with_replacement, words=["twice", "with replacement"])
    assert "overlap" not in message


def test_split_rejects_an_unshuffled_split():
    rejects(nb05.train_validation_split, split_not_shuffled, words=["not shuffled"])


def test_split_rejects_X_and_y_shuffled_differently():
    rejects(nb05.train_validation_split, split_mismatched, words=["no longer match"])


def test_split_rejects_ignoring_the_rng():
    rejects(nb05.train_validation_split, split_ignoring_rng, words=["use the rng argument"])


def split_ceil(X, y, fraction, rng):
    n = len(y)
    n_val = int(np.ceil(fraction * n))
    order = rng.permutation(n)
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]


def split_boolean_mask(X, y, fraction, rng):
    n = len(y)
    n_val = int(round(fraction * n))
    is_val = np.zeros(n, dtype=bool)
    is_val[rng.permutation(n)[:n_val]] = True
    return X[~is_val], y[~is_val], X[is_val], y[is_val]


def split_val_at_the_end(X, y, fraction, rng):
    n = len(y)
    order = rng.permutation(n)
    X, y = X[order], y[order]
    n_train = n - int(round(fraction * n))
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


@pytest.mark.parametrize("split", [split_ceil, split_boolean_mask])
def test_split_accepts_alternatives(split):
    nb05.train_validation_split(split)


def test_split_pins_the_validation_end():
    """The end of the shuffled order that is validation changes 05's results (issue 16): it is pinned."""
    rejects(nb05.train_validation_split, split_val_at_the_end, words=["end of the shuffled order", "order[:n_val]"])


# -- L2 regularization -----------------------------------------------------------
def penalty_with_biases(params, lam):
    return lam / 2 * sum(np.sum(v ** 2) for v in params.values())


def penalty_without_half(params, lam):
    return lam * sum(np.sum(v ** 2) for k, v in params.items() if k.startswith("W"))


def gradient_on_biases(grads, params, lam):
    return {k: g + lam * params[k] for k, g in grads.items()}


def gradient_twice(grads, params, lam):
    return {k: g + 2 * lam * params[k] if k.startswith("W") else g for k, g in grads.items()}


def gradient_in_place(grads, params, lam):
    for k in grads:
        if k.startswith("W"):
            grads[k] += lam * params[k]
    return grads


def test_l2_rejects_a_penalty_on_the_biases(sol):
    rejects(nb05.l2_regularization, penalty_with_biases, sol["add_l2_gradient"],
            words=["biases are penalised"])


def test_l2_rejects_a_missing_half(sol):
    rejects(nb05.l2_regularization, penalty_without_half, sol["add_l2_gradient"], words=["1/2 is missing"])


def test_l2_rejects_a_gradient_on_the_biases(sol):
    rejects(nb05.l2_regularization, sol["l2_penalty"], gradient_on_biases,
            words=["got a penalty term", "biases are not regularized"])


def test_l2_rejects_a_factor_two(sol):
    rejects(nb05.l2_regularization, sol["l2_penalty"], gradient_twice, words=["2·lam·W"])


def test_l2_rejects_changing_grads_in_place(sol):
    add_l2_gradient = gradient_in_place          # messages name the learner's function by its own name
    add_l2_gradient.__name__ = "add_l2_gradient"
    message = rejects(nb05.l2_regularization, sol["l2_penalty"], add_l2_gradient,
                      words=["add_l2_gradient changed the dictionary `grads`", "in place",
                             "the copy shares the arrays"])
    assert "l2_regularization changed" not in message


def test_l2_rejects_a_shallow_copy_of_grads_changed_in_place(sol):
    def gradient_shallow_copy(grads, params, lam):
        new = grads.copy()
        for k in new:
            if k.startswith("W"):
                new[k] += lam * params[k]
        return new
    rejects(nb05.l2_regularization, sol["l2_penalty"], gradient_shallow_copy,
            words=["changed the dictionary `grads` (or its arrays) in place"])


def test_l2_reports_not_implemented_in_add_l2_gradient(sol):
    def add_l2_gradient(grads, params, lam):
        raise NotImplementedError("add_l2_gradient is not implemented yet")
    with pytest.raises(NotImplementedYet):
        nb05.l2_regularization(sol["l2_penalty"], add_l2_gradient)


def test_l2_rejects_a_penalty_gradient_that_disagrees_with_the_penalty(sol):
    # a consistent pair (penalty lam·ΣW², gradient 2·lam·W) is still rejected: the notebook's
    # penalty is lam/2·ΣW²; the message names the factor
    rejects(nb05.l2_regularization, penalty_without_half, gradient_twice, words=["1/2 is missing"])


def test_l2_accepts_alternatives():
    def penalty(params, lam):
        weights = [params[k].ravel() for k in sorted(params) if k[0] == "W"]
        return 0.5 * lam * float(np.dot(np.concatenate(weights), np.concatenate(weights)))

    def gradient(grads, params, lam):
        new = dict(grads)
        for key in params:
            if key.startswith("W"):
                new[key] = grads[key] + lam * params[key]
        return new
    nb05.l2_regularization(penalty, gradient)


# -- early stopping --------------------------------------------------------------
def stopping(copy=True, restore=True, keep_last=False, patience_offset=0, reset=True):
    def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate,
                       batch_size=32):
        best, waited, losses = np.inf, 0, []
        best_params = {k: v.copy() for k, v in model.params.items()}
        for _ in range(max_epochs):
            model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, batch_size=batch_size)
            loss = model.loss(X_val, y_val)
            losses.append(loss)
            if loss < best:
                best, waited = loss, (0 if reset else waited)
                best_params = ({k: v.copy() for k, v in model.params.items()} if copy else model.params)
            else:
                waited += 1
                if waited >= patience + patience_offset:
                    break
        if keep_last:
            best_params = {k: v.copy() for k, v in model.params.items()}
        if restore:
            model.params = {k: v.copy() for k, v in best_params.items()}
        return best_params, losses
    return early_stopping


def test_early_stopping_rejects_returning_the_last_weights():
    # the scripted case's best epoch is 3 of the 6 that run: the last is not the best
    rejects(nb05.early_stopping, stopping(keep_last=True, restore=False),
            words=["weights of the last epoch", "not of the best validation epoch"])


def test_early_stopping_rejects_keeping_a_reference_instead_of_a_copy():
    rejects(nb05.early_stopping, stopping(copy=False, restore=False),
            words=["weights of the last epoch", "copy"])


def test_early_stopping_rejects_off_by_one_patience():
    rejects(nb05.early_stopping, stopping(patience_offset=1), words=["should stop after epoch 6"])


def test_early_stopping_rejects_a_count_that_never_restarts():
    # counts every epoch without improvement, not those in a row: stops after epoch 5, not 9
    rejects(nb05.early_stopping, stopping(reset=False), words=["*in a row*", "reset the count to 0"])


def test_early_stopping_rejects_not_restoring_the_model():
    rejects(nb05.early_stopping, stopping(restore=False), words=["model.params = best_params"])


def test_early_stopping_rejects_no_stopping():
    def never_stops(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate,
                    batch_size=32):
        return stopping()(model, X_train, y_train, X_val, y_val, max_epochs, 10 ** 6, learning_rate,
                          batch_size)
    message = rejects(nb05.early_stopping, never_stops)
    assert "epochs" in message


def test_early_stopping_accepts_a_while_loop_and_a_tuple_of_losses():
    def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate,
                       batch_size=32):
        losses, snapshots = [np.inf], [{k: np.array(v) for k, v in model.params.items()}]   # the start
        while len(losses) <= max_epochs:
            model.fit(X_train, y_train, 1, learning_rate, batch_size)
            losses.append(float(model.loss(X_val, y_val)))
            snapshots.append({k: np.array(v) for k, v in model.params.items()})
            if len(losses) - 1 - int(np.argmin(np.nan_to_num(losses, nan=np.inf))) >= patience:
                break
        best = snapshots[int(np.argmin(np.nan_to_num(losses, nan=np.inf)))]
        losses = losses[1:]
        model.params = {k: v.copy() for k, v in best.items()}
        return best, tuple(losses)
    nb05.early_stopping(early_stopping)


# -- momentum_step, adam_step, clip_by_global_norm ------------------------------
def momentum_ok(w, dw, velocity, learning_rate, momentum=0.9):
    velocity_new = momentum * velocity - learning_rate * dw
    return w + velocity_new, velocity_new


def momentum_other_spelling(w, dw, velocity, learning_rate, momentum=0.9):
    v = np.multiply(momentum, velocity) + np.multiply(-learning_rate, dw)
    return np.add(w, v), v


def adam_ok(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    return w - learning_rate * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), m, v


def adam_eps_inside(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * np.square(dw)
    return w - learning_rate * (m / (1 - beta1 ** t)) / np.sqrt(v / (1 - beta2 ** t) + eps), m, v


def float32(step):
    return lambda *args, **kw: tuple(np.asarray(a, dtype=np.float32) for a in
                                     step(*[np.float32(a) if isinstance(a, float) else
                                            np.asarray(a, np.float32) if isinstance(a, np.ndarray) else a
                                            for a in args], **kw))


@pytest.mark.parametrize("momentum, adam", [
    (momentum_ok, adam_ok),
    (momentum_other_spelling, adam_eps_inside),
    (float32(momentum_ok), float32(adam_ok)),
], ids=["plain", "other spelling, eps inside the sqrt", "float32"])
def test_optimiser_steps_accept_correct_alternatives(momentum, adam, capsys):
    nb05.optimiser_steps(momentum, adam)
    out = capsys.readouterr().out
    assert "✔" in out and "✘" not in out


def momentum_sign(w, dw, velocity, learning_rate, momentum=0.9):
    v = momentum * velocity + learning_rate * dw
    return w + v, v


def momentum_old_velocity(w, dw, velocity, learning_rate, momentum=0.9):
    return w + velocity, momentum * velocity - learning_rate * dw


def adam_no_correction(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    return w - learning_rate * m / (np.sqrt(v) + eps), m, v


def adam_betas_swapped(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    return adam_ok(w, dw, m, v, t, learning_rate, beta2, beta1, eps)


def adam_no_sqrt(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    return w - learning_rate * (m / (1 - beta1 ** t)) / (v / (1 - beta2 ** t) + eps), m, v


def adam_t_fixed(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    return adam_ok(w, dw, m, v, 1, learning_rate, beta1, beta2, eps)


@pytest.mark.parametrize("momentum, adam, words", [
    (momentum_sign, adam_ok, "wrong sign"),
    (momentum_old_velocity, adam_ok, "old velocity"),
    (momentum_ok, adam_no_correction, "bias correction is missing"),
    (momentum_ok, adam_betas_swapped, "m uses β2"),
    (momentum_ok, adam_no_sqrt, "square root is missing"),
    (momentum_ok, adam_t_fixed, "t = 1 whatever t is"),
])
def test_optimiser_steps_reject_the_usual_mistakes(momentum, adam, words):
    rejects(nb05.optimiser_steps, momentum, adam, words=[words])


def clip_ok(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    return ({k: g * max_norm / norm for k, g in grads.items()} if norm > max_norm else dict(grads)), norm


def clip_other_spelling(grads, max_norm):
    norm = np.linalg.norm(np.concatenate([np.ravel(g) for g in grads.values()]))
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {k: (np.asarray(g, np.float32) * np.float32(scale)) for k, g in grads.items()}, np.float32(norm)


def clip_per_array(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    return {k: g * min(1.0, max_norm / np.linalg.norm(g)) for k, g in grads.items()}, norm


def clip_elementwise(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    return {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()}, norm


def clip_norm_after(grads, max_norm):
    clipped, norm = clip_ok(grads, max_norm)
    return clipped, min(norm, max_norm)


def clip_scales_up(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    return {k: g * max_norm / norm for k, g in grads.items()}, norm


@pytest.mark.parametrize("clip", [clip_ok, clip_other_spelling], ids=["plain", "np.linalg.norm, float32"])
def test_clip_accepts_correct_alternatives(clip, capsys):
    nb05.clip_by_global_norm(clip)
    out = capsys.readouterr().out
    assert "✔" in out and "✘" not in out


@pytest.mark.parametrize("clip, words", [
    (clip_per_array, "each array was clipped to max_norm on its own"),
    (clip_elementwise, "changes the direction"),
    (clip_norm_after, "norm after clipping"),
    (clip_scales_up, "clipping only ever shrinks"),
])
def test_clip_rejects_the_usual_mistakes(clip, words):
    rejects(nb05.clip_by_global_norm, clip, words=[words])


# -- early stopping: defined behaviour at the edges (issue 15) ---------------------
def test_early_stopping_without_a_starting_copy_is_told_what_to_start_with():
    """max_epochs = 0 and all-NaN validation losses: a best_params that starts as None crashes; the
    message says to start from a copy of the starting weights."""
    def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):
        best, best_params, waited, losses = np.inf, None, 0, []
        for _ in range(max_epochs):
            model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, batch_size=batch_size)
            losses.append(model.loss(X_val, y_val))
            if losses[-1] < best:
                best, waited, best_params = losses[-1], 0, {k: v.copy() for k, v in model.params.items()}
            else:
                waited += 1
                if waited >= patience:
                    break
        model.params = {k: v.copy() for k, v in best_params.items()}
        return best_params, losses
    rejects(nb05.early_stopping, early_stopping, words=["max_epochs = 0", "AttributeError",
                                                        "start best_params as a copy of model.params"])


def test_early_stopping_counts_a_tie_as_no_improvement():
    def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):
        best, waited, losses = np.inf, 0, []
        best_params = {k: v.copy() for k, v in model.params.items()}
        for _ in range(max_epochs):
            model.fit(X_train, y_train, epochs=1, learning_rate=learning_rate, batch_size=batch_size)
            losses.append(model.loss(X_val, y_val))
            if losses[-1] <= best:
                best, waited, best_params = losses[-1], 0, {k: v.copy() for k, v in model.params.items()}
            else:
                waited += 1
                if waited >= patience:
                    break
        model.params = {k: v.copy() for k, v in best_params.items()}
        return best_params, losses
    rejects(nb05.early_stopping, early_stopping, words=["a tie is not an improvement", "not <="])


def test_early_stopping_names_a_reference_as_a_reference():
    message = rejects(nb05.early_stopping, stopping(copy=False, restore=False),
                      words=["best_params is model.params itself"])
    assert "keep a *copy* when" not in message


def test_early_stopping_accepts_nan_aware_and_list_or_array_losses():
    base = stopping()
    as_array = lambda *a, **k: (lambda best, losses: (best, np.array(losses)))(*base(*a, **k))
    accepts(nb05.early_stopping, base)
    accepts(nb05.early_stopping, as_array)


# -- conventions: float32 and lists --------------------------------------------
@pytest.mark.parametrize("kind", ["float64", "float32", "list"])
def test_clip_and_steps_in_other_types_are_accepted_or_told_in_one_line(kind):
    convert = {"float64": lambda v: np.asarray(v, dtype=float), "float32": lambda v: np.asarray(v, np.float32),
               "list": lambda v: np.asarray(v).tolist()}[kind]
    momentum = lambda *a, **k: tuple(convert(v) for v in momentum_ok(*a, **k))
    adam = lambda *a, **k: tuple(convert(v) for v in adam_ok(*a, **k))
    accepted_or_told(nb05.optimiser_steps, momentum, adam, words=[] if kind != "list" else ["list"])
    clip = lambda g, n: (lambda c, norm: ({k: convert(v) for k, v in c.items()}, norm))(*clip_ok(g, n))
    accepted_or_told(nb05.clip_by_global_norm, clip, words=[] if kind != "list" else ["list"])


def test_l2_blames_only_the_penalty_when_only_the_penalty_is_wrong(sol):
    """Newcomer finding: a wrong l2_penalty made the gradient case blame a correct add_l2_gradient."""
    message = rejects(nb05.l2_regularization, penalty_with_biases, sol["add_l2_gradient"],
                      words=["1 of 3 cases failed", "biases are penalised"])
    assert "gradient of b1" not in message


def test_early_stopping_passes_its_arguments_on_to_fit():
    """Issue 15 (arguments not passed on to an inner call): batch_size and learning_rate go to model.fit."""
    def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):
        return stopping()(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate)   # no batch_size
    message = rejects(nb05.early_stopping, early_stopping,
                      words=["model.fit was called with batch_size=32, but early_stopping got batch_size 7: pass it on"])
    assert "learning_rate" not in message.split("Hint")[0] and "epochs=" not in message.split("Hint")[0]


# -- newcomer re-check (main fb27187) ----------------------------------------
def split_truncating(X, y, validation_fraction, rng):
    n = len(y)
    n_val = int(validation_fraction * n)              # truncates 3.5 to 3
    order = rng.permutation(n)
    return X[order[n_val:]], y[order[n_val:]], X[order[:n_val]], y[order[:n_val]]


def test_split_names_int_truncating_instead_of_rounding():
    """Newcomer finding: `int(fraction * n)` passed: no case had a fractional n · fraction."""
    rejects(nb05.train_validation_split, split_truncating,
            words=["10 samples, validation_fraction = 0.35", "expected 4 validation samples, got 3",
                   "0.35 · 10 = 3.5, and int() truncates it to 3", "n_val = int(round(validation_fraction * n)) = 4"])


@pytest.mark.parametrize("n_val", [lambda f, n: int(np.round(f * n)), lambda f, n: int(f * n + 0.5),
                                   lambda f, n: round(f * n), lambda f, n: int(np.float32(f) * np.float32(n) + 0.5)])
def test_split_accepts_other_roundings(n_val):
    def split(X, y, validation_fraction, rng):
        k = n_val(validation_fraction, len(y))
        order = rng.permutation(len(y))
        return X[order[k:]], y[order[k:]], X[order[:k]], y[order[:k]]
    accepts(nb05.train_validation_split, split)


def test_early_stopping_names_one_fit_of_max_epochs():
    """Newcomer finding: one model.fit(epochs=max_epochs) got a bullet that read as a learning_rate/batch_size
    complaint."""
    def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):
        model.fit(X_train, y_train, epochs=max_epochs, learning_rate=learning_rate, batch_size=batch_size)
        best_params = {k: v.copy() for k, v in model.params.items()}
        return best_params, [model.loss(X_val, y_val)]
    message = rejects(nb05.early_stopping, early_stopping,
                      words=["model.fit was called with epochs=10 (max_epochs is 10) in one go",
                             "train one epoch at a time (epochs=1) and measure the validation loss after each"])
    bullets = message.split("Hint")[0]
    assert "learning_rate" not in bullets and "batch_size" not in bullets and "training ran" not in bullets


def test_early_stopping_names_epochs_and_a_missing_argument_together():
    def early_stopping(model, X_train, y_train, X_val, y_val, max_epochs, patience, learning_rate, batch_size=32):
        model.fit(X_train, y_train, epochs=max_epochs, learning_rate=0.1)
        return {k: v.copy() for k, v in model.params.items()}, [model.loss(X_val, y_val)]
    rejects(nb05.early_stopping, early_stopping,
            words=["epochs=10 (max_epochs is 10) in one go", "; and with learning_rate=0.1, but early_stopping got "
                   "learning_rate 0.05", "; and with batch_size=32, but early_stopping got batch_size 7"])


def adam_t_plus_1(w, dw, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    return adam_ok(w, dw, m, v, t + 1, learning_rate, beta1, beta2, eps)


def test_adam_names_the_step_number_off_by_one():
    """Newcomer finding: `beta ** (t + 1)` got expected/got only."""
    message = rejects(nb05.optimiser_steps, momentum_ok, adam_t_plus_1,
                      words=["2 of 3 cases failed", "the bias correction uses step t + 1",
                             "t is already the step number (1 for the first step", "(1 − β1**t)"])
    assert "expected w_new" not in message


@pytest.mark.parametrize("adam", [adam_ok, adam_eps_inside, float32(adam_ok)])
def test_adam_correct_forms_still_pass(adam):
    accepted_or_told(nb05.optimiser_steps, momentum_ok, adam)


def test_clipping_that_divides_by_a_zero_norm_is_named():
    def clip(grads, max_norm):
        norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
        scale = min(1.0, max_norm / norm)
        return {k: g * scale for k, g in grads.items()}, norm
    rejects(nb05.clip_by_global_norm, clip, words=["all-zero gradients", "the global norm is 0 here"])


def test_a_split_returned_as_X_train_X_val_y_train_y_val_is_told_the_order():
    def split(X, y, validation_fraction, rng):
        order = rng.permutation(len(y))
        n_val = int(round(validation_fraction * len(y)))
        val, train = order[:n_val], order[n_val:]
        return X[train], X[val], y[train], y[val]
    message = rejects(nb05.train_validation_split, split, words=["wrong order", "X_train, y_train, X_val, y_val"])
    assert "2 columns" not in message, message
