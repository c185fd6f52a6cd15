/* Vouching in C (models.tally.vouch): the same steps as its numpy code, on money by class.
 * See _pricing.c for what "the same" means here (elementwise the same, sums in any order). */
#include "_native.h"

/* covers(least, weight, utility, flat, rho, cost, slack): whether supporters holding at
 * least `least` surely cover the cost at rho (models.tally.vouch._covers). */
PyObject *
vouch_covers(PyObject *self, PyObject *args)
{
    PyObject *least_o, *weight_o, *utility_o;
    double flat, rho, cost, slack;
    if (!PyArg_ParseTuple(args, "OOOdddd", &least_o, &weight_o, &utility_o, &flat, &rho, &cost,
                          &slack)) {
        return NULL;
    }
    /* Zeroed: a refused argument skips reading the rest, and all are released. */
    Numbers least = {0}, weight = {0}, utility = {0};
    PyObject *result = NULL;
    if (!(numbers(least_o, &least, 'd', 0, "least") &&
          numbers(weight_o, &weight, 'd', 0, "weight") &&
          numbers(flat ? Py_None : utility_o, &utility, 'd', 0, "utility"))) {
        goto done;
    }
    Py_ssize_t n = weight.n;
    if (least.n != n || (!flat && utility.n != n)) {
        PyErr_SetString(PyExc_ValueError, "covers: arrays of different lengths");
        goto done;
    }
    const double *l = AS_DOUBLES(least), *w = AS_DOUBLES(weight);
    const double *u = flat ? NULL : AS_DOUBLES(utility);
    double covered = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        double charge = flat ? rho * flat : rho * u[i];
        covered += w[i] * (l[i] >= charge ? charge : l[i]);
    }
    double sum = covered;
    result = PyBool_FromLong(sum * (1 - slack - 16 * EPS) >= cost);
done:
    release(&least);
    release(&weight);
    release(&utility);
    return result;
}

/* Whether `owed` is two rows of n (at a, then at b). */
static int
two_rows(const Numbers *owed, Py_ssize_t n)
{
    return owed->view.ndim == 2 && owed->view.shape[0] == 2 && owed->view.shape[1] == n;
}

/* Σ w·min(least, rho·u) over the supporters (models.tally.vouch._covers before its check). */
static double
covered_at(const double *least, const double *w, const double *u, double flat, Py_ssize_t n,
           double rho)
{
    double even = 0.0, odd = 0.0;
    Py_ssize_t i = 0;
    for (; i + 1 < n; i += 2) {
        double charge = flat ? rho * flat : rho * u[i];
        even += w[i] * (least[i] >= charge ? charge : least[i]);
        charge = flat ? rho * flat : rho * u[i + 1];
        odd += w[i + 1] * (least[i + 1] >= charge ? charge : least[i + 1]);
    }
    if (i < n) {
        double charge = flat ? rho * flat : rho * u[i];
        even += w[i] * (least[i] >= charge ? charge : least[i]);
    }
    return even + odd;
}

static int
covers_cost(const double *least, const double *w, const double *u, double flat, Py_ssize_t n,
            double rho, double cost, double slack)
{
    return covered_at(least, w, u, flat, n, rho) * (1 - slack - 16 * EPS) >= cost;
}

/* poor_split from `*rho` with no split known (count -1): where it settles, the rho it set
 * last is written back and 1 returned; 0 where the poor hold all the utility or it does not
 * settle. */
static int
split_rho(const double *held, const double *w, const double *u, double flat, Py_ssize_t n,
          double cost, double total_utility, double *rho_io)
{
    double rho = *rho_io;
    Py_ssize_t count = -1;
    for (int round = 0; round < MOST_SPLITS; round++) {
        Py_ssize_t now = 0;
        double paid = 0.0, used = 0.0;
        for (Py_ssize_t i = 0; i < n; i++) {
            double ui = flat ? flat : u[i];
            int is_poor = held[i] < rho * ui;
            double poor = is_poor;
            now += is_poor;
            paid += poor * (w[i] * held[i]);
            used += poor * (flat ? w[i] : w[i] * ui);
        }
        if (now == count) {
            *rho_io = rho;
            return 1;
        }
        count = now;
        if (flat) {
            used *= flat;
        }
        if (used >= total_utility) {
            return 0;
        }
        rho = (cost - paid) / (total_utility - used);
    }
    return 0;
}

/* models.tally.vouch._covering_price: a rho at which supporters holding at least `least`
 * surely cover the cost (`hint` first, if it does); 0 returned where unsure. */
static int
covering_price(const double *least, const double *w, const double *u, double flat,
               Py_ssize_t n, double cost, double total_utility, double slack, double hint,
               double *out)
{
    if (hint != 0.0 && covers_cost(least, w, u, flat, n, hint, cost, slack)) {
        *out = hint;
        return 1;
    }
    double rho = cost / total_utility;
    if (!split_rho(least, w, u, flat, n, cost, total_utility, &rho)) {
        return 0;
    }
    double highest = rho * (1 + 4 * slack + 1e-13);
    for (int attempt = 0; attempt < 2; attempt++) {
        if (covers_cost(least, w, u, flat, n, highest, cost, slack)) {
            *out = highest;
            return 1;
        }
        highest *= 1 + 1e-9;
    }
    return 0;
}

/* winner_line(money, error, rich, owed, d, start_a, start_b, sums, weight, utility, flat,
 *             cost, total_utility, slack, highest, then)
 * models.tally.vouch._LowerSide.winner_line, for the winner's supporters by class: what they
 * held before its purchase (money, error), which were rich, and the running sums `owed`
 * (2 rows: at a, at b). (at_a, at_b), or None where unsure. */
PyObject *
vouch_winner_line(PyObject *self, PyObject *args)
{
    PyObject *money_o, *error_o, *rich_o, *owed_o, *weight_o, *utility_o;
    double d, start_a, start_b, sums, flat, cost, total_utility, slack, highest, then;
    if (!PyArg_ParseTuple(args, "OOOOddddOOdddddd", &money_o, &error_o, &rich_o, &owed_o, &d,
                          &start_a, &start_b, &sums, &weight_o, &utility_o, &flat, &cost,
                          &total_utility, &slack, &highest, &then)) {
        return NULL;
    }
    /* Zeroed: a refused argument skips reading the rest, and all are released. */
    Numbers money = {0}, error = {0}, rich = {0}, owed = {0}, weight = {0}, utility = {0};
    PyObject *result = NULL;
    double *least = NULL;
    int ok = numbers(money_o, &money, 'd', 0, "money") &&
             numbers(error_o, &error, 'd', 0, "error") && numbers(rich_o, &rich, '?', 0, "rich") &&
             numbers(owed_o, &owed, 'd', 0, "owed") &&
             numbers(weight_o, &weight, 'd', 0, "weight") &&
             numbers(flat ? Py_None : utility_o, &utility, 'd', 0, "utility");
    if (!ok) {
        goto done;
    }
    Py_ssize_t n = weight.n;
    if (money.n != n || error.n != n || rich.n != n || !two_rows(&owed, n) ||
        (!flat && utility.n != n)) {
        PyErr_SetString(PyExc_ValueError, "winner_line: arrays of different lengths");
        goto done;
    }
    least = PyMem_Malloc(2 * (size_t)(n ? n : 1) * sizeof(double));
    if (least == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const double *m = AS_DOUBLES(money), *e = AS_DOUBLES(error), *o = AS_DOUBLES(owed);
    const char *r = (const char *)rich.view.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        double held = m[i] - e[i];
        if (held < 0.0) {
            held = 0.0;
        }
        double kept_a = held * (1 - 4 * EPS);
        double kept_b = (held + (r[i] ? d : 0.0)) * (1 - 4 * EPS);
        double paid_a = o[i] * (1 + sums), paid_b = o[n + i] * (1 + sums);
        double spent_a = (start_a - paid_a) - 2 * EPS * (start_a + paid_a);
        double spent_b = (start_b - paid_b) - 2 * EPS * (start_b + paid_b);
        int better = r[i] && spent_b > kept_b && spent_a >= 0.0;
        least[i] = better ? spent_a : kept_a;
        least[n + i] = better ? spent_b : kept_b;
    }
    const double *w = AS_DOUBLES(weight), *u = flat ? NULL : AS_DOUBLES(utility);
    double at_a, at_b;
    if (covering_price(least, w, u, flat, n, cost, total_utility, slack, highest, &at_a) &&
        covering_price(least + n, w, u, flat, n, cost, total_utility, slack,
                       then * (1 + 1e-12), &at_b)) {
        result = Py_BuildValue("(dd)", at_a, at_b);
    } else {
        Py_INCREF(Py_None);
        result = Py_None;
    }
done:
    PyMem_Free(least);
    release(&money);
    release(&error);
    release(&rich);
    release(&owed);
    release(&weight);
    release(&utility);
    return result;
}

/* lower_bounds(now, owed, d, start_a, start_b, sums, weight, utility, flat, cost,
 *              total_utility, slack, near)
 * models.tally.vouch._UpperSide.lower_bounds (with `most`): lower bounds on a bid's rho at a
 * and at b, from one split of its supporters; None where nothing is shown. */
PyObject *
vouch_lower_bounds(PyObject *self, PyObject *args)
{
    PyObject *now_o, *owed_o, *weight_o, *utility_o;
    double d, start_a, start_b, sums, flat, cost, total_utility, slack, near;
    if (!PyArg_ParseTuple(args, "OOddddOOddddd", &now_o, &owed_o, &d, &start_a, &start_b,
                          &sums, &weight_o, &utility_o, &flat, &cost, &total_utility, &slack,
                          &near)) {
        return NULL;
    }
    Numbers now = {0}, owed = {0}, weight = {0}, utility = {0};
    PyObject *result = NULL;
    double *most = NULL;
    int ok = numbers(now_o, &now, 'd', 0, "now") && numbers(owed_o, &owed, 'd', 0, "owed") &&
             numbers(weight_o, &weight, 'd', 0, "weight") &&
             numbers(flat ? Py_None : utility_o, &utility, 'd', 0, "utility");
    if (!ok) {
        goto done;
    }
    Py_ssize_t n = weight.n;
    if (now.n != n || !two_rows(&owed, n) || (!flat && utility.n != n)) {
        PyErr_SetString(PyExc_ValueError, "lower_bounds: arrays of different lengths");
        goto done;
    }
    most = PyMem_Malloc(2 * (size_t)(n ? n : 1) * sizeof(double));
    if (most == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* _UpperSide.most: the least of two upper bounds on what each class holds, at a and b. */
    const double *held = AS_DOUBLES(now), *o = AS_DOUBLES(owed);
    for (Py_ssize_t i = 0; i < n; i++) {
        double kept_a = held[i] - d;
        if (kept_a < 0.0) {
            kept_a = 0.0;
        }
        kept_a = kept_a + 4 * EPS * held[i];
        double kept_b = held[i] * (1 + 2 * EPS);
        double paid_a = o[i] * (1 - sums), paid_b = o[n + i] * (1 - sums);
        double left_a = start_a - paid_a, left_b = start_b - paid_b;
        if (left_a < 0.0) {
            left_a = 0.0;
        }
        if (left_b < 0.0) {
            left_b = 0.0;
        }
        left_a = left_a + 2 * EPS * (start_a + paid_a);
        left_b = left_b + 2 * EPS * (start_b + paid_b);
        int better = left_a + left_b < kept_a + kept_b;
        most[i] = better ? left_a : kept_a;
        most[n + i] = better ? left_b : kept_b;
    }
    const double *w = AS_DOUBLES(weight), *u = flat ? NULL : AS_DOUBLES(utility);
    const double *most_a = most, *most_b = most + n;
    double rho = cost / total_utility;
    Py_ssize_t count = -1;
    if (near != 0.0) {
        rho = near;
        count = -2; /* one split, at `near` */
    }
    double paid_a = 0.0, paid_b = 0.0, used = 0.0;
    int settled = 0;
    for (int round = 0; round < MOST_SPLITS; round++) {
        Py_ssize_t poor_now = 0;
        double sum_a = 0.0, sum_b = 0.0, sum_used = 0.0;
        for (Py_ssize_t i = 0; i < n; i++) {
            double ui = flat ? flat : u[i];
            int is_poor = most_a[i] < rho * ui;
            double poor = is_poor;
            poor_now += is_poor;
            sum_a += poor * (w[i] * most_a[i]);
            sum_b += poor * (w[i] * most_b[i]);
            sum_used += poor * (flat ? w[i] : w[i] * ui);
        }
        if (poor_now == count) {
            settled = 1;
            break;
        }
        paid_a = sum_a * (1 + slack);
        paid_b = sum_b * (1 + slack);
        used = flat ? sum_used * flat : sum_used;
        if (used >= total_utility) {
            break;
        }
        int one_split = count == -2;
        count = poor_now;
        if (one_split) {
            settled = 1;
            break;
        }
        rho = (cost - paid_a) / (total_utility - used);
    }
    if (!settled) {
        Py_INCREF(Py_None);
        result = Py_None;
        goto done;
    }
    double rest = total_utility - used;
    if (!count) {
        paid_a = paid_b = 0.0;
    }
    double bound_a = cost > paid_a ? (cost - paid_a) / rest * (1 - 4 * EPS) : -Py_HUGE_VAL;
    double bound_b = cost > paid_b ? (cost - paid_b) / rest * (1 - 4 * EPS) : -Py_HUGE_VAL;
    result = Py_BuildValue("(dd)", bound_a, bound_b);
done:
    PyMem_Free(most);
    release(&now);
    release(&owed);
    release(&weight);
    release(&utility);
    return result;
}
