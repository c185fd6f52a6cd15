/* Pricing and paying in a bounded MES run, compiled (models/tally/native.py says why).
 *
 * The same arithmetic as the numpy functions they stand in for, step by step:
 *   price        = models.tally.pricing._priced (with poor_split)
 *   charge       = models.tally.purse._charged, with the purse's reading and writing back
 *   exact_rest   = models.tally.ties.exact_price, up to making the fraction
 *   covers       = models.tally.vouch._covers
 *   winner_line  = models.tally.vouch._LowerSide.winner_line (with _covering_price)
 *   lower_bounds = models.tally.vouch._UpperSide.lower_bounds (with most)
 * Those stay the reference; tests/unit/test_tally_native.py holds the two to each other.
 *
 * Element by element the operations and their order are the numpy ones, so `charge` gives the
 * very same numbers. Sums are taken in another order than numpy's: the error bounds of
 * models.tally.interval hold for a sum of n non-negative products summed in any order, so
 * prices may differ in the last bits but stay proven bounds. Built with -ffp-contract=off: a
 * fused multiply-add would round once where numpy rounds twice (still within the bounds, but
 * no longer the same numbers). A NaN (which no run makes: money starts at the share and stays
 * finite) is carried through a minimum or a maximum as numpy carries it, so a check on a sum
 * that meets one fails, as numpy's does.
 */
#include "_native.h"

static PyObject *unaffordable; /* (-1.0, -1.0): what `price` returns for a bid none can afford */

/* A bid's supporters as a run's purse holds them: supporter i holds m[ix[i]] (ix NULL: m[i]),
 * error bound e[ix[i]], counts w[i] times, with utility u[i] (NULL where all have `flat`). */
typedef struct {
    Numbers money, error, index, weight, utility;
    Py_ssize_t n;
    const double *m, *e, *w, *u;
    const Py_ssize_t *ix;
} Supporters;

static void
release_supporters(Supporters *s)
{
    release(&s->money);
    release(&s->error);
    release(&s->index);
    release(&s->weight);
    release(&s->utility);
}

/* Reads and checks (types, lengths, every index) the arrays of `Supporters`; 0 with a Python
 * error set where they cannot be read safely (then nothing is held). */
static int
read_supporters(PyObject *money_o, PyObject *error_o, PyObject *index_o, PyObject *weight_o,
                PyObject *utility_o, double flat, Supporters *s, const char *what)
{
    memset(s, 0, sizeof *s);
    int ok = numbers(money_o, &s->money, 'd', 0, "money") &&
             numbers(error_o, &s->error, 'd', 0, "error") &&
             numbers(index_o, &s->index, 'i', 0, "index") &&
             numbers(weight_o, &s->weight, 'd', 0, "weight") &&
             numbers(flat ? Py_None : utility_o, &s->utility, 'd', 0, "utility");
    Py_ssize_t n = s->weight.n;
    if (ok && ((s->index.held && s->index.n != n) || (!flat && s->utility.n != n) ||
               s->error.n != s->money.n)) {
        PyErr_Format(PyExc_ValueError, "%s: arrays of different lengths", what);
        ok = 0;
    }
    if (!ok || !index_fits(&s->index, s->money.n, n, what)) {
        release_supporters(s);
        return 0;
    }
    s->n = n;
    s->m = AS_DOUBLES(s->money);
    s->e = AS_DOUBLES(s->error);
    s->w = AS_DOUBLES(s->weight);
    s->u = flat ? NULL : AS_DOUBLES(s->utility);
    s->ix = s->index.held ? AS_INDEX(s->index) : NULL;
    return 1;
}

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
        sums->covered += w * (least >= charge ? charge : least);
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
    Supporters supporters;
    if (!read_supporters(money_o, error_o, index_o, weight_o, utility_o, flat, &supporters,
                         "price")) {
        return NULL;
    }
    PyObject *result = NULL;
    Py_ssize_t n = supporters.n;
    const double *m = supporters.m, *e = supporters.e, *w = supporters.w, *u = supporters.u;
    const Py_ssize_t *ix = supporters.ix;

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
            covered += w[i] * (least >= charge ? charge : least);
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
    release_supporters(&supporters);
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
        if (held < 0.0) {
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
    Supporters supporters;
    if (!read_supporters(money_o, error_o, index_o, weight_o, utility_o, flat, &supporters,
                         "exact_rest")) {
        return NULL;
    }
    PyObject *result = NULL;
    Py_ssize_t n = supporters.n;
    const double *m = supporters.m, *e = supporters.e, *w = supporters.w, *u = supporters.u;
    const Py_ssize_t *ix = supporters.ix;
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
    release_supporters(&supporters);
    return result;
}

static PyMethodDef methods[] = {
    {"price", price, METH_VARARGS, "A bid's bounds on rho (models.tally.pricing._priced)."},
    {"covers", vouch_covers, METH_VARARGS, "Whether the least money covers the cost at rho."},
    {"charge", charge, METH_VARARGS, "Supporters pay for a bid (models.tally.purse._charged)."},
    {"exact_rest", exact_rest, METH_VARARGS, "models.tally.ties.exact_price, up to the fraction."},
    {"winner_line", vouch_winner_line, METH_VARARGS, "models.tally.vouch._LowerSide.winner_line."},
    {"lower_bounds", vouch_lower_bounds, METH_VARARGS, "models.tally.vouch._UpperSide.lower_bounds."},
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
        Py_XDECREF(unaffordable);
        Py_DECREF(made);
        return NULL;
    }
    return made;
}
