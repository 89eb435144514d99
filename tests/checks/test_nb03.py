"""The checks of notebook 03 reject the catalogue's mistakes and accept correct alternatives."""
import numpy as np
import pytest

from utils.checks.framework import CheckFailed, NotImplementedYet
from utils.checks import nb03 as check
from checktools import rejects, accepts


# --------------------------------------------------------------------------
# The reference answers, from the solution notebook
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def solution():
    names = ("sign", "perceptron_train", "sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative",
             "relu", "relu_derivative", "W_hidden", "b_hidden", "w_out", "b_out",
             "W_xor_hidden", "b_xor_hidden", "w_xor_out", "b_xor_out")
    return dict(zip(names, check.catch_up(*names)))


def test_the_solution_passes_every_check(solution, capsys):
    check.sign(solution["sign"])
    check.perceptron_train(solution["perceptron_train"])
    check.sigmoid(solution["sigmoid"], solution["sigmoid_derivative"])
    check.tanh(solution["tanh"], solution["tanh_derivative"])
    check.relu(solution["relu"], solution["relu_derivative"])
    check.square_network(solution["W_hidden"], solution["b_hidden"], solution["w_out"], solution["b_out"])
    check.xor_network(solution["W_xor_hidden"], solution["b_xor_hidden"], solution["w_xor_out"],
                      solution["b_xor_out"])
    out = capsys.readouterr().out
    assert out.count("✔") == 7, out


def test_progress_counts_the_solution_as_passing(solution):
    results = check.exercises.results(solution)
    assert all(status in ("pass", "caught up") for status, _ in results.values()), results   # arrays cannot carry the caught-up mark


# --------------------------------------------------------------------------
# sign
# --------------------------------------------------------------------------
def test_sign_rejects_np_sign():
    rejects(check.sign, np.sign, words=["sign(0) came back as 0"])


def test_sign_rejects_zero_to_minus_one():
    rejects(check.sign, lambda z: np.where(z > 0, 1.0, -1.0), words=["sign(0) came back as −1"])


def test_sign_rejects_zero_one_labels():
    rejects(check.sign, lambda z: (z >= 0).astype(float), words=["0/1"])


@pytest.mark.parametrize("alternative", [
    lambda z: np.where(z >= 0, 1.0, -1.0),
    lambda z: np.where(z < 0, -1, 1),
    lambda z: 2.0 * (z >= 0) - 1.0,
    lambda z: np.sign(np.sign(z) + 0.5),
])
def test_sign_accepts_alternatives(alternative, capsys):
    accepts(check.sign, alternative, capsys=capsys)


def test_sign_not_implemented():
    def sign(z):
        raise NotImplementedError("sign is not implemented yet")
    with pytest.raises(NotImplementedYet):
        check.sign(sign)


# --------------------------------------------------------------------------
# perceptron_train
# --------------------------------------------------------------------------
def make_perceptron(predict=lambda z: 1.0 if z >= 0 else -1.0, every_sample=False, update_bias=True,
                    step=1.0, as_list=False, stop_early=False):
    def perceptron_train(X, y, epochs):
        w = np.zeros(X.shape[1])
        b = 0.0
        mistakes = []
        for _ in range(epochs):
            count = 0
            for x_i, y_i in zip(X, y):
                wrong = predict(x_i @ w + b) != y_i
                count += int(wrong)
                if wrong or every_sample:
                    w = w + step * y_i * x_i
                    if update_bias:
                        b = b + step * y_i
            mistakes.append(count)
            if stop_early and count == 0:
                break
        return w, b, (mistakes if as_list else np.array(mistakes))
    return perceptron_train


def test_perceptron_rejects_updating_on_every_sample():
    rejects(check.perceptron_train, make_perceptron(every_sample=True), words=["every sample", "mistake"])


def test_perceptron_rejects_np_sign():
    rejects(check.perceptron_train, make_perceptron(predict=np.sign), words=["z = 0", "np.sign"])


def test_perceptron_rejects_zero_mapped_to_minus_one():
    rejects(check.perceptron_train, make_perceptron(predict=lambda z: 1.0 if z > 0 else -1.0),
            words=["z = 0"])


def test_perceptron_rejects_a_frozen_bias():
    rejects(check.perceptron_train, make_perceptron(update_bias=False), words=["bias was never updated"])


def test_perceptron_rejects_stopping_early_with_a_short_history():
    rejects(check.perceptron_train, make_perceptron(stop_early=True), words=["one mistake count per epoch"])


def test_perceptron_rejects_zero_mistakes_on_xor():
    correct = make_perceptron()

    def lying(X, y, epochs):
        w, b, mistakes = correct(X, y, epochs)
        if len(X) == 4:                            # only on the XOR case
            mistakes = np.zeros_like(mistakes)
        return w, b, mistakes
    rejects(check.perceptron_train, lying, words=["1 of 4 cases", "0 mistakes", "no line separates XOR"])


def test_perceptron_rejects_a_missing_return():
    rejects(check.perceptron_train, lambda X, y, epochs: None, words=["returned None"])


@pytest.mark.parametrize("alternative", [
    make_perceptron(),
    make_perceptron(as_list=True),
    make_perceptron(step=0.5),              # any (exactly representable) learning rate from w = 0
    make_perceptron(predict=lambda z: np.where(z >= 0, 1, -1)),
])
def test_perceptron_accepts_alternatives(alternative, capsys):
    accepts(check.perceptron_train, alternative, capsys=capsys)


def test_perceptron_accepts_the_y_minus_prediction_form(capsys):
    """Rosenblatt's w += η (y − ŷ) x updates only on mistakes (by 2y x)."""
    def perceptron_train(X, y, epochs):
        w, b, mistakes = np.zeros(X.shape[1]), 0.0, np.zeros(epochs, dtype=int)
        for epoch in range(epochs):
            for x_i, y_i in zip(X, y):
                prediction = 1.0 if x_i @ w + b >= 0 else -1.0
                w = w + (y_i - prediction) * x_i
                b = b + (y_i - prediction)
                mistakes[epoch] += prediction != y_i
        return w, b, mistakes
    accepts(check.perceptron_train, perceptron_train, capsys=capsys)


# --------------------------------------------------------------------------
# activations
# --------------------------------------------------------------------------
def stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(z):
    s = stable_sigmoid(z)
    return s * (1 - s)


def test_sigmoid_rejects_the_naive_formula():
    rejects(check.sigmoid, lambda z: 1 / (1 + np.exp(-z)), sigmoid_derivative,
            words=["sigmoid overflowed", "np.exp(-np.abs(z))"])


def test_sigmoid_rejects_where_with_an_overflowing_branch():
    def sigmoid(z):
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
    rejects(check.sigmoid, sigmoid, sigmoid_derivative, words=["overflowed", "np.where"])


def test_sigmoid_rejects_a_flipped_sign():
    rejects(check.sigmoid, lambda z: stable_sigmoid(-z), sigmoid_derivative, words=["sign is flipped"])


def test_sigmoid_derivative_rejects_z_times_one_minus_z():
    rejects(check.sigmoid, stable_sigmoid, lambda z: z * (1 - z), words=["z(1 − z)"])


def test_sigmoid_derivative_rejects_sigmoid_applied_twice():
    def sigmoid_derivative_twice(z):
        a = stable_sigmoid(z)                       # treats z as if it were already activated
        return stable_sigmoid(a) * (1 - stable_sigmoid(a))
    rejects(check.sigmoid, stable_sigmoid, sigmoid_derivative_twice, words=["applied twice"])


def test_sigmoid_derivative_rejects_the_overflowing_quotient():
    rejects(check.sigmoid, stable_sigmoid, lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
            words=["sigmoid_derivative overflowed"])


def test_sigmoid_derivative_not_implemented_names_the_derivative():
    def sigmoid_derivative(z):
        raise NotImplementedError("sigmoid_derivative is not implemented yet")
    with pytest.raises(NotImplementedYet) as error:
        check.sigmoid(stable_sigmoid, sigmoid_derivative)
    assert "sigmoid_derivative is not implemented yet" in str(error.value)


@pytest.mark.parametrize("sigmoid", [
    stable_sigmoid,
    lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))),
    lambda z: 0.5 * (1 + np.tanh(z / 2)),
])
def test_sigmoid_accepts_alternatives(sigmoid, capsys):
    accepts(check.sigmoid, sigmoid, sigmoid_derivative, capsys=capsys)


def test_sigmoid_derivative_accepts_the_clipped_quotient(capsys):
    def derivative(z):
        e = np.exp(-np.clip(z, -300, 300))       # (1 + e)² stays below the float64 limit
        return e / (1 + e) ** 2
    accepts(check.sigmoid, stable_sigmoid, derivative, capsys=capsys)


def slide_tanh(z):
    return (np.exp(2 * z) - 1) / (np.exp(2 * z) + 1)


def stable_tanh(z):
    e = np.exp(-2 * np.abs(z))
    return np.sign(z) * (1 - e) / (1 + e)


def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


def test_tanh_rejects_the_slide_formula():
    rejects(check.tanh, slide_tanh, tanh_derivative, words=["tanh overflowed", "e^2000"])


def test_tanh_rejects_the_slide_formula_without_warnings():
    """Even with warnings silenced, the NaN is reported."""
    def quiet_slide_tanh(z):
        with np.errstate(all="ignore"):
            return slide_tanh(z)
    rejects(check.tanh, quiet_slide_tanh, tanh_derivative, words=["NaN", "inf/inf"])


def test_tanh_rejects_sigmoid_of_2z():
    rejects(check.tanh, lambda z: stable_sigmoid(2 * z), tanh_derivative, words=["σ(2z)"])


def test_tanh_derivative_rejects_one_minus_z_squared():
    rejects(check.tanh, np.tanh, lambda z: 1 - z ** 2, words=["1 − z²"])


def test_tanh_derivative_rejects_tanh_applied_twice():
    rejects(check.tanh, np.tanh, lambda z: 1 - np.tanh(np.tanh(z)) ** 2, words=["applied twice"])


def test_tanh_derivative_rejects_a_missing_square():
    rejects(check.tanh, np.tanh, lambda z: 1 - np.tanh(z), words=["square is missing"])


@pytest.mark.parametrize("tanh", [
    np.tanh,
    stable_tanh,
    lambda z: 2 * stable_sigmoid(2 * z) - 1,
    lambda z: np.where(z >= 0, 1, -1) * (1 - np.exp(-2 * np.abs(z))) / (1 + np.exp(-2 * np.abs(z))),
])
def test_tanh_accepts_alternatives(tanh, capsys):
    accepts(check.tanh, tanh, tanh_derivative, capsys=capsys)


def test_tanh_derivative_accepts_other_spellings(capsys):
    accepts(check.tanh, np.tanh, lambda z: 1 / np.cosh(np.clip(z, -300, 300)) ** 2, capsys=capsys)
    accepts(check.tanh, stable_tanh, lambda z: 4 * sigmoid_derivative(2 * z), capsys=capsys)


def relu_derivative(z):
    return (z > 0).astype(float)


def test_relu_rejects_abs():
    rejects(check.relu, np.abs, relu_derivative, words=["|z|"])


def test_relu_rejects_np_max():
    def relu(z):
        return np.max(0, z)
    rejects(check.relu, relu, relu_derivative, words=["relu raised TypeError"])


def test_relu_rejects_changing_z_in_place():
    def relu(z):
        z[z < 0] = 0
        return z
    rejects(check.relu, relu, relu_derivative, words=["in place"])


def test_relu_derivative_rejects_relu_itself():
    rejects(check.relu, lambda z: np.maximum(0, z), lambda z: np.maximum(0, z),
            words=["you returned relu(z)"])


def test_relu_derivative_rejects_minus_one_for_negatives():
    rejects(check.relu, lambda z: np.maximum(0, z), np.sign, words=["not −1"])


def test_relu_derivative_rejects_ones_everywhere():
    rejects(check.relu, lambda z: np.maximum(0, z), np.ones_like, words=["only for z > 0"])


def test_relu_derivative_rejects_a_reversed_step():
    rejects(check.relu, lambda z: np.maximum(0, z), lambda z: (z < 0).astype(float), words=["reversed"])


@pytest.mark.parametrize("relu, derivative", [
    (lambda z: np.maximum(0, z), relu_derivative),
    (lambda z: np.where(z > 0, z, 0.0), lambda z: np.where(z > 0, 1.0, 0.0)),
    (lambda z: z * (z > 0), lambda z: z > 0),                               # booleans are fine
    (lambda z: np.maximum(z, 0.0), lambda z: np.heaviside(z, 0.0)),         # 0 at the kink, as documented
])
def test_relu_accepts_alternatives(relu, derivative, capsys):
    accepts(check.relu, relu, derivative, capsys=capsys)


# --------------------------------------------------------------------------
# The hand-built networks
# --------------------------------------------------------------------------
def square_weights(k=10.0, threshold=3.5):
    # z1: x1 < 1, z2: x1 > −1, z3: x2 < 1, z4: x2 > −1; the output needs all four.
    W = k * np.array([[-1.0, 1.0, 0.0, 0.0], [0.0, 0.0, -1.0, 1.0]])
    b = k * np.ones(4)
    return W, b, k * np.ones(4), -k * threshold


def test_square_accepts_a_working_network(capsys):
    accepts(check.square_network, *square_weights(), capsys=capsys)


def test_square_accepts_lists_and_other_spellings(capsys):
    W, b, w, c = square_weights(k=20, threshold=3.6)
    accepts(check.square_network, W.tolist(), list(b), w[:, None], np.array([c]), capsys=capsys)
    # The same neurons in another order, with another steepness for the output.
    order = [2, 0, 3, 1]
    accepts(check.square_network, W[:, order], b[order], 3 * w, 3 * c, capsys=capsys)


def test_square_placeholder_is_not_implemented_yet():
    with pytest.raises(NotImplementedYet):
        check.square_network(np.zeros((2, 4)), np.zeros(4), np.zeros(4), 0.0)


def test_square_names_the_region_when_an_edge_is_missing():
    W, b, w, c = square_weights()
    w = w.copy()
    w[0] = 0.0                                     # z1 (the right edge, x1 < 1) ignored
    rejects(check.square_network, W, b, w, -10 * 2.5,
            words=["just outside the right edge of the square are marked inside"])


def test_square_names_the_region_when_an_edge_faces_the_wrong_way():
    W, b, w, c = square_weights()
    W = W.copy()
    b = b.copy()
    W[1, 3], b[3] = -10.0, -10.0                   # z4 on for x2 < −1 instead of x2 > −1
    message = rejects(check.square_network, W, b, w, c, words=["marked"])
    assert "bottom edge" in message


def test_square_too_shallow_misses_the_corners():
    rejects(check.square_network, *square_weights(k=3.0), words=["inside, near the corners", "steeper"])


def test_square_threshold_too_low_marks_a_cross():
    # With a threshold of 2.5, three neurons on is enough: the bands beside each edge light up.
    rejects(check.square_network, *square_weights(threshold=2.5), words=["marked inside"])


def test_square_threshold_far_too_low_marks_everything_inside():
    # Threshold 0.5: beyond a corner two hidden neurons are still on, so every point fires.
    rejects(check.square_network, *square_weights(threshold=0.5),
            words=["marks everything inside", "make b_out more negative"])


def test_square_inverted_output():
    W, b, w, c = square_weights()
    rejects(check.square_network, W, b, -w, -c, words=["inside and outside are swapped"])


def test_square_wrong_shapes():
    W, b, w, c = square_weights()
    rejects(check.square_network, W.T, b, w, c, words=["shape (2, 4)", "transposed"])
    rejects(check.square_network, W, b[:3], w, c, words=["b_hidden should have shape (4,)"])


def test_square_none_is_reported():
    W, b, w, c = square_weights()
    rejects(check.square_network, W, None, w, c, words=["b_hidden is None"])


def xor_weights(k=10.0):
    # h1 = OR (x1 + x2 > 0.5), h2 = NAND (x1 + x2 < 1.5); output = AND of both.
    W = k * np.array([[1.0, -1.0], [1.0, -1.0]])
    b = k * np.array([-0.5, 1.5])
    return W, b, k * np.ones(2), -1.5 * k


def test_xor_accepts_or_and_nand(capsys):
    accepts(check.xor_network, *xor_weights(), capsys=capsys)


def test_xor_accepts_or_minus_and(capsys):
    # h1 = OR, h2 = AND; output = h1 − h2 > 0.5.
    W = 10 * np.array([[1.0, 1.0], [1.0, 1.0]])
    b = 10 * np.array([-0.5, -1.5])
    accepts(check.xor_network, W, b, 10 * np.array([1.0, -1.0]), -5.0, capsys=capsys)


def test_xor_rejects_a_single_line():
    # An OR gate: right at (0, 1), (1, 0) and (0, 0), wrong near (1, 1).
    W, b, w, c = xor_weights()
    message = rejects(check.xor_network, W, b, np.array([10.0, 0.0]), -5.0,
                      words=["near (1, 1) are marked 1"])
    assert "near (0, 0)" not in message


def test_xor_placeholder_is_not_implemented_yet():
    with pytest.raises(NotImplementedYet):
        check.xor_network(np.zeros((2, 2)), np.zeros(2), np.zeros(2), 0.0)


def test_test_points_leave_out_the_margin_band():
    X, inside = check.square_test_points()
    extent = np.max(np.abs(X), axis=1)
    assert inside.sum() > 100 and (~inside).sum() > 500
    assert np.all(np.abs(extent - 1) >= 0.15 - 1e-12)
    assert np.all(inside == (extent < 1))


def test_relu_names_np_max_against_np_maximum():
    def relu(z):
        return np.max(0, z)
    rejects(check.relu, relu, relu_derivative, words=["np.max reduces", "np.maximum(0, z)"])


def test_relu_derivative_pins_the_documented_zero_at_the_kink():
    rejects(check.relu, lambda z: np.maximum(0, z), lambda z: np.heaviside(z, 1.0),
            words=["relu_derivative(0) should be 0, as the docstring says"])


def test_xor_recognises_weights_written_by_rows():
    W, b, w, c = xor_weights()
    rejects(check.xor_network, W.T, b, w, c, words=["written by rows", "W_xor_hidden.T", "one column per hidden neuron"])


def test_square_names_the_hidden_neuron_that_faces_the_wrong_way():
    W, b, w, c = square_weights()
    W, b = W.copy(), b.copy()
    W[:, 2], b[2] = -W[:, 2], -b[2]                 # z3 on for x2 > 1 instead of x2 < 1
    message = rejects(check.square_network, W, b, w, c, words=["hidden neuron z3 faces the wrong way",
                                                               "W_hidden[:, 2]", "b_hidden[2]"])
    assert "every hidden neuron" not in message


def test_square_names_a_single_weight_with_the_wrong_sign():
    W, b, w, c = square_weights()
    W = W.copy()
    W[0, 1] = -W[0, 1]                              # z2 now looks at −x1
    rejects(check.square_network, W, b, w, c, words=["W_hidden[0, 1]", "has the wrong sign"])


def test_xor_names_the_hidden_neuron_that_faces_the_wrong_way():
    W, b, w, c = xor_weights()
    W, b = W.copy(), b.copy()
    W[:, 1], b[1] = -W[:, 1], -b[1]                 # NAND turned into AND
    rejects(check.xor_network, W, b, w, c, words=["hidden neuron h2 faces the wrong way"])


def test_square_recognises_weights_written_by_rows():
    W, b, w, c = square_weights()
    rejects(check.square_network, W.T, b, w, c, words=["written by rows", "one column per neuron", ".T"])


# -- newcomer findings (FINDINGS.md, 03) -------------------------------------------------------------------------
def test_tanh_names_the_sign_lost_for_negative_z():
    def tanh(z):
        e = np.exp(-2 * np.abs(z))
        return (1 - e) / (1 + e)
    message = rejects(check.tanh, tanh, tanh_derivative, words=["lost the sign", "np.sign(z)"])
    assert "expected tanh(z)" not in message


def test_perceptron_names_one_update_per_epoch():
    def perceptron_train(X, y, epochs):
        w, b, mistakes = np.zeros(X.shape[1]), 0.0, []
        for _ in range(epochs):
            dw, db, count = np.zeros_like(w), 0.0, 0
            for x_i, y_i in zip(X, y):
                if (1.0 if x_i @ w + b >= 0 else -1.0) != y_i:
                    dw, db, count = dw + y_i * x_i, db + y_i, count + 1
            w, b = w + dw, b + db
            mistakes.append(count)
        return w, b, np.array(mistakes)
    rejects(check.perceptron_train, perceptron_train, words=["once per epoch"])


def test_xor_names_neurons_too_shallow_not_the_structure():
    message = rejects(check.xor_network, np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5]),
                      np.array([1.0, 1.0]), -1.5, words=["structure is right", "steeper"])
    assert "OR but not AND" not in message


def test_xor_names_an_and_neuron_where_nand_belongs():
    W, b, w, c = xor_weights()
    W, b = W.copy(), b.copy()
    W[:, 1], b[1] = 10.0, -15.0                     # h2 = AND
    rejects(check.xor_network, W, b, w, c, words=["hidden neuron h2 faces the wrong way"])


def test_xor_says_what_each_hidden_neuron_computes_when_no_single_change_fixes_it():
    W = 10 * np.array([[1.0, 1.0], [1.0, 1.0]])     # two OR neurons: the output (their AND) is OR again
    rejects(check.xor_network, W, 10 * np.array([-0.5, -0.5]), 10 * np.ones(2), -15.0,
            words=["h1 = OR", "h2 = OR", "OR but not AND"])


def test_square_names_hidden_biases_with_the_wrong_sign_not_the_output():
    W, b, w, c = square_weights()
    message = rejects(check.square_network, W, -b, w, c, words=["every entry of b_hidden has the wrong sign"])
    assert "check the sign of w_out" not in message


def test_a_python_if_on_the_array_is_told_to_work_on_every_entry():
    rejects(check.sign, lambda z: 1.0 if z >= 0 else -1.0, words=["an `if`", "np.where(condition"])


def test_np_max_in_relu_is_named_in_every_case():
    message = rejects(check.relu, lambda z: np.max(0, z), relu_derivative, words=["np.maximum"])
    assert "a function, not its result" not in message, message


def test_a_derivative_that_overflows_only_through_an_unstable_sigmoid_is_not_blamed():
    naive = lambda z: 1 / (1 + np.exp(-z))
    sigmoid = lambda z: naive(z)
    sigmoid.__name__ = "sigmoid"
    def sigmoid_derivative(z):
        s = sigmoid(z)
        return s * (1 - s)
    message = rejects(check.sigmoid, sigmoid, sigmoid_derivative,
                      words=["because your sigmoid does there", "formula itself may be right"])
    assert "instead of a new formula" not in message, message


def test_a_tanh_safe_for_positive_z_only_is_told_which_side_overflows():
    def tanh(z):
        e = np.exp(-2 * z)
        return (1 - e) / (1 + e)
    message = rejects(check.tanh, tanh, lambda z: 1 - tanh(z) ** 2, words=["overflows for z < 0 only", "−tanh(−z)"])
    assert "the slide's (e^(2z) − 1)/(e^(2z) + 1) overflows" not in message, message
