/* Pricing and paying in a bounded MES run, compiled (models/tally/native.py says why).
 *
 * The same arithmetic as the numpy functions they stand in for, step by step:
 *   price  = models.tally.interval._priced (with poor_split)
 *   covers = models.tally.vouch._covers
 *   charge = models.tally.purse._charged, with the purse's reading and writing back.
 * Those stay the reference; tests/unit/test_tally_native.py holds the two to each other.
 *
 * Element by element the operations and their order are the numpy ones, so `charge` gives the
 * very same numbers. Sums are taken in another order than numpy's (one after another): the error bounds of models.tally.interval hold for a sum of n non-negative
 * products summed in any order, so prices may differ in the last bits but stay proven bounds.
 * Built with -ffp-contract=off: a fused multiply-add would round once where numpy rounds twice
 * (still within the bounds, but no longer the same numbers).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static const double EPS = 2.220446049250313080847263336181640625e-16; /* 2**-52 */
#define MOST_SPLITS 64

static PyObject *unaffordable; /* (-1.0, -1.0): what `price` returns for a bid none can afford */

/* A numpy array's numbers, read through the buffer protocol (no numpy headers needed). */
typedef struct {
    Py_buffer view;
    Py_ssize_t n;
    int held;
} Numbers;

/* kind: 'd' float64, 'i' intp (an index), '?' bool. Flat arrays, or 2-D ones read as their
 * rows one after another (what `n` counts is every number). */
static int
numbers(PyObject *object, Numbers *out, char kind, int writable, const char *what)
{
    out->held = 0;
    out->n = 0;
    if (object == Py_None) {
        return 1;
    }
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(object, &out->view, flags) < 0) {
        return 0;
    }
    out->held = 1;
    const char *format = out->view.format ? out->view.format : "B";
    if (format[0] == '<' || format[0] == '=' || format[0] == '@') {
        format++;
    }
    int ok;
    if (kind == 'i') {
        ok = out->view.itemsize == (Py_ssize_t)sizeof(Py_ssize_t) && format[1] == '\0' &&
             strchr("lqn", format[0]) != NULL;
    } else if (kind == '?') {
        ok = out->view.itemsize == 1 && strcmp(format, "?") == 0;
    } else {
        ok = out->view.itemsize == (Py_ssize_t)sizeof(double) && strcmp(format, "d") == 0;
    }
    if (!ok || out->view.ndim > 2) {
        PyErr_Format(PyExc_TypeError, "%s: expected an array of %s", what,
                     kind == 'i' ? "intp" : kind == '?' ? "bool" : "float64");
        PyBuffer_Release(&out->view);
        out->held = 0;
        return 0;
    }
    out->n = out->view.len / out->view.itemsize;
    return 1;
}

static void
release(Numbers *numbers_)
{
    if (numbers_->held) {
        PyBuffer_Release(&numbers_->view);
        numbers_->held = 0;
    }
}

#define AS_DOUBLES(x) ((double *)(x).view.buf)
#define AS_INDEX(x) ((Py_ssize_t *)(x).view.buf)

/* One supporter's value: `values` at `index[i]`, or at i where there is no index. */
static inline double
at(const double *values, const Py_ssize_t *index, Py_ssize_t i)
{
    return values[index ? index[i] : i];
}

/* Checks an index against the array it reads (a bad one would read outside it). */
static int
index_fits(const Numbers *index, Py_ssize_t length, Py_ssize_t n, const char *what)
{
    if (!index->held) {
        if (n > length) {
            PyErr_Format(PyExc_ValueError, "%s: %zd values for %zd supporters", what, length, n);
            return 0;
        }
        return 1;
    }
    const Py_ssize_t *rows = AS_INDEX(*index);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (rows[i] < 0 || rows[i] >= length) {
            PyErr_Format(PyExc_IndexError, "%s: index %zd outside 0..%zd", what, rows[i],
                         length - 1);
            return 0;
        }
    }
    return 1;
}

/* What one pass of `price` adds up over supporters. */
typedef struct {
    double total, off, covered, paid, used, moved;
    Py_ssize_t poor;
} Sums;

/* One supporter in a pass of `price`: holding h (error bound o), counted w times, utility u.
 * `first`: the pass that also sums everyone's money; `checking`: the pass also checks whether
 * everyone pays `highest` * u at most (the covering check). */
static inline void
visit(Sums *sums, double h, double o, double w, double u, double flat, double rho,
      double highest, int first, int checking)
{
    if (first) {
        sums->total += w * h;
        sums->off += w * o;
    }
    if (checking) {
        double least = h - o;
        if (least < 0.0) {
            least = 0.0;
        }
        double charge = highest * u;
        sums->covered += w * (least < charge ? least : charge);
    }
    /* Without a branch (which supporters are poor is hard to predict): 0 or 1 times each
     * product, so the very same sums as over the poor alone. */
    int is_poor = h < rho * u;
    double poor = is_poor;
    sums->poor += is_poor;
    sums->paid += poor * (w * h);
    sums->used += poor * (flat ? w : w * u);
    sums->moved += poor * (w * o);
}

/* price(money, error, index, weight, utility, flat, cost, total_utility, slack, hint)
 *
 * The supporters' money and error bounds are money[index[i]] and error[index[i]] (index None:
 * money[i]), each counted weight[i] times; utility[i] their utility (unless flat, every
 * supporter's utility). Returns (lowest, highest), UNAFFORDABLE, or None (unsure), as _priced.
 */
static PyObject *
price(PyObject *self, PyObject *args)
{
    PyObject *money_o, *error_o, *index_o, *weight_o, *utility_o;
    double flat, cost, total_utility, slack, hint;
    if (!PyArg_ParseTuple(args, "OOOOOddddd", &money_o, &error_o, &index_o, &weight_o,
                          &utility_o, &flat, &cost, &total_utility, &slack, &hint)) {
        return NULL;
    }
    /* Zeroed: a refused argument skips reading the rest, and all are released. */
    Numbers money = {0}, error = {0}, index = {0}, weight = {0}, utility = {0};
    PyObject *result = NULL;
    int ok = numbers(money_o, &money, 'd', 0, "money") && numbers(error_o, &error, 'd', 0, "error") &&
             numbers(index_o, &index, 'i', 0, "index") &&
             numbers(weight_o, &weight, 'd', 0, "weight") &&
             numbers(flat ? Py_None : utility_o, &utility, 'd', 0, "utility");
    if (!ok) {
        goto done;
    }
    Py_ssize_t n = weight.n;
    if ((index.held && index.n != n) || (!flat && utility.n != n) || error.n != money.n ||
        !index_fits(&index, money.n, n, "price")) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "price: arrays of different lengths");
        }
        goto done;
    }
    const double *m = AS_DOUBLES(money), *e = AS_DOUBLES(error), *w = AS_DOUBLES(weight);
    const double *u = flat ? NULL : AS_DOUBLES(utility);
    const Py_ssize_t *ix = index.held ? AS_INDEX(index) : NULL;

    /* pabutools' loop: those who cannot pay rho*u (the poor) pay all they hold; rho is set
     * again from that split, until the number of poor stops changing (poor_split). Each pass
     * over the supporters finds the split at the current rho and, where the split it is to
     * confirm is known, also checks the upper bound that split gives (the covering check), so
     * that a confirmed split costs no further pass. The first pass also sums the whole. */
    double rho = cost / total_utility;
    Py_ssize_t count = 0;
    if (hint > rho) {
        rho = hint;
        count = -1;
    }
    double paid = 0.0, used = 0.0, moved_sum = 0.0;
    double lowest = 0.0, highest = 0.0;
    int settled = 0, covered_ok = 0;
    for (int pass = 0; pass < MOST_SPLITS; pass++) {
        /* The bounds from the split found so far (count poor holding paid, of utility used). */
        int checking = count >= 0;
        if (checking) {
            double moved = count ? moved_sum * (1 + slack) : 0.0;
            double rest = total_utility - used;
            double short_ = cost - paid * (1 + slack) - moved;
            lowest = short_ <= 0 ? 0.0 : short_ / rest * (1 - 2 * EPS);
            highest = (cost - paid * (1 - slack) + moved) / rest * (1 + 4 * slack + 1e-13);
        }
        /* Two running sums of each, over even and odd supporters, so that the additions of
         * one do not wait for the other's (the sums' order changes, not their bounds). */
        Sums even = {0}, odd = {0};
        Py_ssize_t i = 0;
        for (; i + 1 < n; i += 2) {
            visit(&even, at(m, ix, i), at(e, ix, i), w[i], flat ? flat : u[i], flat, rho,
                  highest, pass == 0, checking);
            visit(&odd, at(m, ix, i + 1), at(e, ix, i + 1), w[i + 1], flat ? flat : u[i + 1],
                  flat, rho, highest, pass == 0, checking);
        }
        if (i < n) {
            visit(&even, at(m, ix, i), at(e, ix, i), w[i], flat ? flat : u[i], flat, rho,
                  highest, pass == 0, checking);
        }
        Py_ssize_t now = even.poor + odd.poor;
        double total = even.total + odd.total, off = even.off + odd.off;
        double covered = even.covered + odd.covered;
        double paid_s = even.paid + odd.paid, used_s = even.used + odd.used;
        double moved_s = even.moved + odd.moved;
        if (pass == 0) {
            double held_total = total;
            double spread = off * (1 + slack);
            if (held_total * (1 + slack) + spread < cost) {
                Py_INCREF(unaffordable);
                result = unaffordable;
                goto done;
            }
            if (held_total * (1 - slack) - spread < cost) {
                break; /* unsure */
            }
        }
        if (now == count) {
            settled = 1;
            double sum = covered;
            covered_ok = sum * (1 - slack - 8 * EPS) >= cost;
            break;
        }
        count = now;
        paid = paid_s;
        used = used_s;
        if (flat) {
            used *= flat;
        }
        moved_sum = moved_s;
        if (used >= total_utility) {
            break; /* the poor alone hold all the utility: unsure */
        }
        rho = (cost - paid) / (total_utility - used);
    }
    if (!settled) { /* the split did not settle, or the poor hold all the utility */
        Py_INCREF(Py_None);
        result = Py_None;
        goto done;
    }
    /* The covering check was made in the pass that confirmed the split; once more, a little
     * higher, if it failed (as _priced). */
    if (!covered_ok) {
        highest *= 1 + 1e-9;
        double covered = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            double least = at(m, ix, i) - at(e, ix, i);
            if (least < 0.0) {
                least = 0.0;
            }
            double charge = flat ? highest * flat : highest * u[i];
            covered += w[i] * (least < charge ? least : charge);
        }
        double sum = covered;
        covered_ok = sum * (1 - slack - 8 * EPS) >= cost;
    }
    if (covered_ok) {
        result = Py_BuildValue("(dd)", lowest, highest);
        goto done;
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    release(&money);
    release(&error);
    release(&index);
    release(&weight);
    release(&utility);
    return result;
}

/* covers(least, weight, utility, flat, rho, cost, slack): whether supporters holding at
 * least `least` surely cover the cost at rho (models.tally.vouch._covers). */
static PyObject *
covers(PyObject *self, PyObject *args)
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
        covered += w[i] * (l[i] < charge ? l[i] : charge);
    }
    double sum = covered;
    result = PyBool_FromLong(sum * (1 - slack - 16 * EPS) >= cost);
done:
    release(&least);
    release(&weight);
    release(&utility);
    return result;
}

/* charge(money, error, index, utility, flat, lowest, highest, to_money, to_error, to_index)
 *
 * Each supporter i, holding money[index[i]] (error bound error[index[i]]), pays rho*u for a
 * rho in [lowest, highest]: what it keeps and its new error bound are written to
 * to_money[to_index[i]] and to_error[to_index[i]] (index or to_index None: i), as _charged.
 * The same arrays may be read and written (each supporter once).
 */
static PyObject *
charge(PyObject *self, PyObject *args)
{
    PyObject *money_o, *error_o, *index_o, *utility_o, *to_money_o, *to_error_o, *to_index_o;
    double flat, lowest, highest;
    if (!PyArg_ParseTuple(args, "OOOOdddOOO", &money_o, &error_o, &index_o, &utility_o, &flat,
                          &lowest, &highest, &to_money_o, &to_error_o, &to_index_o)) {
        return NULL;
    }
    /* Zeroed: a refused argument skips reading the rest, and all are released. */
    Numbers money = {0}, error = {0}, index = {0}, utility = {0};
    Numbers to_money = {0}, to_error = {0}, to_index = {0};
    PyObject *result = NULL;
    int ok = numbers(money_o, &money, 'd', 0, "money") && numbers(error_o, &error, 'd', 0, "error") &&
             numbers(index_o, &index, 'i', 0, "index") &&
             numbers(flat ? Py_None : utility_o, &utility, 'd', 0, "utility") &&
             numbers(to_money_o, &to_money, 'd', 1, "to_money") &&
             numbers(to_error_o, &to_error, 'd', 1, "to_error") &&
             numbers(to_index_o, &to_index, 'i', 0, "to_index");
    if (!ok) {
        goto done;
    }
    Py_ssize_t n = index.held ? index.n : money.n;
    if (error.n != money.n || to_error.n != to_money.n || (!flat && utility.n != n) ||
        (to_index.held && to_index.n != n) || !index_fits(&index, money.n, n, "charge") ||
        !index_fits(&to_index, to_money.n, n, "charge")) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "charge: arrays of different lengths");
        }
        goto done;
    }
    const double *m = AS_DOUBLES(money), *e = AS_DOUBLES(error);
    const double *u = flat ? NULL : AS_DOUBLES(utility);
    double *to_m = AS_DOUBLES(to_money), *to_e = AS_DOUBLES(to_error);
    const Py_ssize_t *ix = index.held ? AS_INDEX(index) : NULL;
    const Py_ssize_t *to_ix = to_index.held ? AS_INDEX(to_index) : NULL;

    double rho = (lowest + highest) / 2;
    double half = (highest - lowest) / 2 * (1 + 4 * EPS) + highest * EPS;
    /* With one utility for all, the charge and what it adds to the error are one number. */
    double flat_charge = rho * flat;
    double flat_added = flat * half * (1 + 4 * EPS) + 2 * EPS * flat_charge;
    double flat_least = lowest * flat * (1 - 4 * EPS);
    for (Py_ssize_t i = 0; i < n; i++) {
        double held = at(m, ix, i), off = at(e, ix, i);
        double paying, least_charge;
        if (flat) {
            paying = flat_charge;
            off = off + flat_added + 2 * EPS * held;
            least_charge = flat_least;
        } else {
            paying = rho * u[i];
            off = off + u[i] * half * (1 + 4 * EPS) + 2 * EPS * (held + paying);
            least_charge = lowest * u[i] * (1 - 4 * EPS);
        }
        /* A group that surely could not pay keeps exactly nothing, with no error. */
        int surely_poor = (held + off) * (1 + 4 * EPS) < least_charge;
        held -= paying;
        if (!(held >= 0.0)) {
            held = 0.0;
        }
        off *= 1 + 4 * EPS;
        if (surely_poor) {
            off = 0.0;
        }
        Py_ssize_t to = to_ix ? to_ix[i] : i;
        to_m[to] = held;
        to_e[to] = off;
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    release(&money);
    release(&error);
    release(&index);
    release(&utility);
    release(&to_money);
    release(&to_error);
    release(&to_index);
    return result;
}

/* exact_rest(money, error, index, weight, utility, flat, cost, total_utility)
 * models.tally.ties.exact_price, up to the fraction: where every supporter surely either
 * holds exactly nothing (money and error bound 0) or can pay rho*u, for
 * rho = cost / (the utility of those who do not hold nothing), that utility (a whole number);
 * else None. */
static PyObject *
exact_rest(PyObject *self, PyObject *args)
{
    PyObject *money_o, *error_o, *index_o, *weight_o, *utility_o;
    double flat, cost, total_utility;
    if (!PyArg_ParseTuple(args, "OOOOOddd", &money_o, &error_o, &index_o, &weight_o,
                          &utility_o, &flat, &cost, &total_utility)) {
        return NULL;
    }
    /* Zeroed: a refused argument skips reading the rest, and all are released. */
    Numbers money = {0}, error = {0}, index = {0}, weight = {0}, utility = {0};
    PyObject *result = NULL;
    int ok = numbers(money_o, &money, 'd', 0, "money") &&
             numbers(error_o, &error, 'd', 0, "error") &&
             numbers(index_o, &index, 'i', 0, "index") &&
             numbers(weight_o, &weight, 'd', 0, "weight") &&
             numbers(flat ? Py_None : utility_o, &utility, 'd', 0, "utility");
    if (!ok) {
        goto done;
    }
    Py_ssize_t n = weight.n;
    if ((index.held && index.n != n) || (!flat && utility.n != n) || error.n != money.n ||
        !index_fits(&index, money.n, n, "exact_rest")) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "exact_rest: arrays of different lengths");
        }
        goto done;
    }
    const double *m = AS_DOUBLES(money), *e = AS_DOUBLES(error), *w = AS_DOUBLES(weight);
    const double *u = flat ? NULL : AS_DOUBLES(utility);
    const Py_ssize_t *ix = index.held ? AS_INDEX(index) : NULL;
    /* The utility of those holding nothing: whole numbers below 2**50, so summed exactly. */
    double used = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (at(m, ix, i) == 0.0 && at(e, ix, i) == 0.0) {
            used += flat ? w[i] : w[i] * u[i];
        }
    }
    if (flat) {
        used *= flat;
    }
    double rest = total_utility - used;
    /* cost and rest are whole numbers below 2**53: cost / rest is the fraction rounded to
     * nearest, as float(Fraction(cost, rest)) is. */
    double charge = rest > 0 ? cost / rest * (1 + 4 * EPS) : 0.0;
    int exact = rest > 0;
    for (Py_ssize_t i = 0; exact && i < n; i++) {
        double h = at(m, ix, i), o = at(e, ix, i);
        if (h == 0.0 && o == 0.0) {
            continue;
        }
        double least = (h - o) * (1 - 4 * EPS);
        exact = least >= (flat ? charge * flat : charge * u[i]);
    }
    if (exact) {
        result = PyFloat_FromDouble(rest);
    } else {
        Py_INCREF(Py_None);
        result = Py_None;
    }
done:
    release(&money);
    release(&error);
    release(&index);
    release(&weight);
    release(&utility);
    return result;
}

/* ---- Vouching (models.tally.vouch): the same steps as its numpy code, on money by class. */

/* Σ w·min(least, rho·u) over the supporters (models.tally.vouch._covers before its check). */
static double
covered_at(const double *least, const double *w, const double *u, double flat, Py_ssize_t n,
           double rho)
{
    double even = 0.0, odd = 0.0;
    Py_ssize_t i = 0;
    for (; i + 1 < n; i += 2) {
        double charge = flat ? rho * flat : rho * u[i];
        even += w[i] * (least[i] < charge ? least[i] : charge);
        charge = flat ? rho * flat : rho * u[i + 1];
        odd += w[i + 1] * (least[i + 1] < charge ? least[i + 1] : charge);
    }
    if (i < n) {
        double charge = flat ? rho * flat : rho * u[i];
        even += w[i] * (least[i] < charge ? least[i] : charge);
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
static PyObject *
winner_line(PyObject *self, PyObject *args)
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
    if (money.n != n || error.n != n || rich.n != n || owed.n != 2 * n ||
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
        if (!(held >= 0.0)) {
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
static PyObject *
lower_bounds(PyObject *self, PyObject *args)
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
    if (now.n != n || owed.n != 2 * n || (!flat && utility.n != n)) {
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
        if (!(kept_a >= 0.0)) {
            kept_a = 0.0;
        }
        kept_a = kept_a + 4 * EPS * held[i];
        double kept_b = held[i] * (1 + 2 * EPS);
        double paid_a = o[i] * (1 - sums), paid_b = o[n + i] * (1 - sums);
        double left_a = start_a - paid_a, left_b = start_b - paid_b;
        if (!(left_a >= 0.0)) {
            left_a = 0.0;
        }
        if (!(left_b >= 0.0)) {
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

static PyMethodDef methods[] = {
    {"price", price, METH_VARARGS, "A bid's bounds on rho (models.tally.interval._priced)."},
    {"covers", covers, METH_VARARGS, "Whether the least money covers the cost at rho."},
    {"charge", charge, METH_VARARGS, "Supporters pay for a bid (models.tally.purse._charged)."},
    {"exact_rest", exact_rest, METH_VARARGS, "models.tally.ties.exact_price, up to the fraction."},
    {"winner_line", winner_line, METH_VARARGS, "models.tally.vouch._LowerSide.winner_line."},
    {"lower_bounds", lower_bounds, METH_VARARGS, "models.tally.vouch._UpperSide.lower_bounds."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pricing", "Compiled pricing for bounded MES runs.", -1, methods,
};

PyMODINIT_FUNC
PyInit__pricing(void)
{
    PyObject *made = PyModule_Create(&module);
    if (made == NULL) {
        return NULL;
    }
    unaffordable = Py_BuildValue("(dd)", -1.0, -1.0);
    if (unaffordable == NULL || PyModule_AddObjectRef(made, "UNAFFORDABLE", unaffordable) < 0) {
        Py_DECREF(made);
        return NULL;
    }
    return made;
}
