"""Rule registry, selection and execution.

A rule is a subclass of :class:`Rule` with a stable code (``KC`` + digits), a
slug, a category, a defect ``kind`` from the taxonomy in ``KINDS``, a default
severity, titles in Vietnamese and English and documentation (what, why, an
example that fails, one that passes, how to fix). ``check(plan, ctx)`` yields
findings; rules see only the :class:`~kclint.model.Plan` and the catalogs.

A code that once bundled several checks names them as a :class:`Family`: each check
is a rule of its own (``KC5021`` … under ``KC502``), and the old code and slug stay
valid selectors for the whole family, the way ruff redirects renamed codes.

Built-in rules are found the way third-party packs are: through the
``kclint.rules`` entry-point group, whose entries are callables returning rule
classes. The built-in entry ``kclint.rules:builtin_rules`` imports every module
of the ``kclint.rules`` package.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from kclint.evidence import find_evidence
from kclint.model import Edit, Finding, Location, Message, Plan, PlanKind, SchoolLevel, Severity, Span, evolve, place
from kclint.textnorm import fold

if TYPE_CHECKING:
    from kclint.catalog import CriteriaVersion

CATEGORIES = (
    "date", "level", "count", "catalog", "reference", "format", "structure", "completeness", "text",
    "consistency",
)

# The defect taxonomy shared with the annotated plans (guide/domain.md). A rule
# may add a kind of its own category; keep these stable, reports depend on them.
KINDS = frozenset(
    """
    date.deadline_before_start date.future_issue date.issue_after_period date.outside_period
    date.invalid_school_year date.invalid date.vague date.week_out_of_range date.reference_after_issue
    date.deadline_before_issue date.week_dates_mismatch
    level.missing_target level.invalid_target level.target_below_current level.target_not_above_current
    level.inconsistent_current
    count.mismatch count.percentage count.denominator count.overall_level
    catalog.unknown_criterion catalog.title_mismatch catalog.standard_title_mismatch catalog.empty_standard
    catalog.duplicate catalog.order catalog.wrong_level
    reference.wrong_date reference.wrong_number reference.symbol reference.wrong_level reference.superseded
    reference.unknown
    structure.unused_suppression structure.not_a_plan
    format.missing_number format.number_symbol format.missing_issue_date format.date_leading_zero
    format.missing_title format.missing_recipients format.recipients format.missing_signer format.header
    format.page_setup format.font format.place_date format.self_reference format.signer
    structure.numbering_gap structure.missing_part
    completeness.missing_field completeness.column_shift completeness.empty_row
    text.telex_residue text.invalid_syllable text.typo text.missing_diacritics text.artifact
    text.duplicate_word text.legacy_encoding text.normalization text.spacing text.capitalization
    consistency.name consistency.period consistency.body_vs_appendix consistency.level
    """.split()
)

_CODE = re.compile(r"^KC\d{3,4}$")


@dataclass(frozen=True)
class RuleDoc:
    """Documentation of a rule, printed by ``kclint explain`` and executed by the tests.

    ``fail_example`` and ``pass_example`` are small plans in the text-export
    form (the ``.txt`` reader's input): the rule must report at least one
    finding on the first and none on the second.
    """

    what: Message
    why: Message
    fix: Message
    fail_example: str
    pass_example: str
    example_today: dt.date = dt.date(2026, 11, 24)
    example_level: SchoolLevel | None = None


@dataclass(frozen=True)
class Family:
    """An old code that bundled several checks, now one rule each: ``code`` and ``slug`` select them all.

    Member codes extend the family's code (``KC5021`` for ``KC502``), so a code prefix in a
    selection, an ignore, a severity override or a per-file ignore keeps meaning the whole family.
    """

    code: str
    slug: str
    title: Message


class Rule:
    """Base class of all rules; subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    slug: ClassVar[str]
    category: ClassVar[str]
    kind: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[Message]
    doc: ClassVar[RuleDoc]
    # Runs once the other rules' findings are in and the plan's suppressions applied (``Context.suppressed``).
    after_suppressions: ClassVar[bool] = False
    family: ClassVar[Family | None] = None  # the old bundled code this check was split from

    def check(self, plan: Plan, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        span: Span,
        message: Message,
        *,
        suggestion: Message | None = None,
        severity: Severity | None = None,
        kind: str | None = None,
        evidence: str | None = None,
        location: Location | None = None,
        edit: Edit | None = None,
    ) -> Finding:
        """Build a finding of this rule quoting ``span`` (or ``evidence``, a part of it).

        ``edit`` is a safe fix, offsets into ``span.text``; ``kclint fix`` applies it.
        """
        return Finding(
            code=self.code,
            rule=self.slug,
            category=self.category,
            kind=kind or self.kind,
            severity=severity or self.severity,
            message=message,
            evidence=evidence if evidence is not None else span.text,
            location=location or span.loc,
            suggestion=suggestion,
            edit=edit,
        )


def validate_rule(cls: type[Rule]) -> None:
    """Fail loudly on a malformed rule class (a plugin author's mistake, not a user's)."""
    for attr in ("code", "slug", "category", "kind", "severity", "title", "doc"):
        if not hasattr(cls, attr):
            raise TypeError(f"rule {cls.__name__} lacks {attr!r}")
    if not _CODE.match(cls.code):
        raise TypeError(f"rule {cls.__name__}: code {cls.code!r} is not KC + digits")
    if cls.category not in CATEGORIES:
        raise TypeError(f"rule {cls.code}: unknown category {cls.category!r}")
    if cls.kind.split(".")[0] != cls.category:
        raise TypeError(f"rule {cls.code}: kind {cls.kind!r} is not of category {cls.category!r}")
    if cls.family is not None and not (cls.code.startswith(cls.family.code) and cls.code != cls.family.code):
        raise TypeError(f"rule {cls.code}: a member of family {cls.family.code} extends its code")


def _entry_point_loaders() -> list[Callable[[], Iterable[type[Rule]]]]:
    from importlib.metadata import entry_points

    eps = list(entry_points(group="kclint.rules"))  # one scan of the installed distributions, not two
    loaders = [ep.load for ep in eps]
    if not any(ep.value == "kclint.rules:builtin_rules" for ep in eps):
        # Running from a source tree without installed metadata: the built-ins still apply.
        from kclint.rules import builtin_rules

        loaders.insert(0, lambda: builtin_rules)
    return loaders


_REGISTRY: dict[str, type[Rule]] | None = None


def registry() -> dict[str, type[Rule]]:
    """All known rules by code, built-ins and plugins, validated once per process."""
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, type[Rule]] = {}
        slugs: dict[str, str] = {}
        for load in _entry_point_loaders():
            for cls in load()():
                validate_rule(cls)
                if cls.code in found and found[cls.code] is not cls:
                    raise TypeError(f"rule code {cls.code} is defined twice")
                if slugs.get(cls.slug, cls.code) != cls.code:
                    raise TypeError(f"rule slug {cls.slug} is used by {slugs[cls.slug]} and {cls.code}")
                found[cls.code] = cls
                slugs[cls.slug] = cls.code
        for family in {cls.family for cls in found.values() if cls.family is not None}:
            if family.code in found or family.slug in slugs:
                raise TypeError(f"family {family.code} ({family.slug}) reuses a rule's code or slug")
        _REGISTRY = dict(sorted(found.items()))
    return _REGISTRY


def families() -> dict[str, tuple[Family, list[type[Rule]]]]:
    """The redirected old codes, each with the rules it now selects (in code order)."""
    out: dict[str, tuple[Family, list[type[Rule]]]] = {}
    for cls in registry().values():
        if cls.family is not None:
            out.setdefault(cls.family.code, (cls.family, []))[1].append(cls)
    return dict(sorted(out.items()))


class SelectionError(ValueError):
    """An unknown code, slug or category in --select/--ignore or the config."""


def _matches(cls: type[Rule], token: str) -> bool:
    token = token.strip()
    up = token.upper()
    if up.startswith("KC"):
        return cls.code.startswith(up)  # a family's old code is a prefix of its members' codes
    return token in (cls.slug, cls.category, cls.kind) or (cls.family is not None and token == cls.family.slug)


def check_selector(token: str) -> None:
    if not any(_matches(cls, token) for cls in registry().values()) and token.upper() != "ALL":
        raise SelectionError(token)


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """Rules chosen by code / code prefix / slug / category / kind (``ALL`` = every rule)."""
    select, ignore = list(select), list(ignore)
    for token in [*select, *ignore]:
        check_selector(token)
    rules = list(registry().values())
    if select and "ALL" not in (s.upper() for s in select):
        rules = [r for r in rules if any(_matches(r, s) for s in select)]
    return [r for r in rules if not any(_matches(r, s) for s in ignore)]


@dataclass
class Context:
    """What a rule may know besides the plan: the reference date, the catalogs, options."""

    plan: Plan
    today: dt.date
    # Set for the rules that run after the suppressions: how many findings each of
    # ``plan.suppressions`` hid, and the codes of the rules that ran before.
    suppressed: list[int] = field(default_factory=list)
    ran: frozenset[str] = frozenset()

    @cached_property
    def criteria(self) -> CriteriaVersion | None:
        """The criteria catalog version in force for the plan's level on its issue date."""
        from kclint.catalog import version_for

        if self.plan.school_level == SchoolLevel.UNKNOWN:
            return None
        on = self.plan.header.issue_date or (self.plan.period.start if self.plan.period else None)
        return version_for(self.plan.school_level.value, on)


# --- per-run memo -----------------------------------------------------------------------------------------
# Several rules need the same derived view of a plan (sections by position, segments, citations with
# their registry documents). ``run_rules`` opens a memo for the duration of one plan's rules, so such a
# helper is computed once per plan instead of once per rule; outside a run (a test calling a helper)
# nothing is cached. A ContextVar keeps concurrent runs in threads apart.

_RUN_MEMO: ContextVar[dict[Any, tuple[object, Any]] | None] = ContextVar("kclint_run_memo", default=None)
_F = TypeVar("_F", bound=Callable[..., Any])


def per_run(fn: _F) -> _F:
    """Memoise ``fn(obj, *args)`` (``obj`` a plan or an item, ``args`` hashable) within one ``run_rules``.

    Callers must treat the result as read-only: every rule of the run shares it.
    """

    @functools.wraps(fn)
    def wrapper(obj: object, *args: Any, **kwargs: Any) -> Any:
        memo = _RUN_MEMO.get()
        if memo is None:
            return fn(obj, *args, **kwargs)
        key = (fn, id(obj), args, tuple(sorted(kwargs.items())))
        hit = memo.get(key)
        if hit is None or hit[0] is not obj:  # the object is held by the memo, so its id is not reused
            hit = memo[key] = (obj, fn(obj, *args, **kwargs))
        return hit[1]

    return wrapper  # type: ignore[return-value]


@contextmanager
def run_memo() -> Iterator[None]:
    """Open the per-run memo of :func:`per_run` helpers (``run_rules`` does; so may a caller timing rules)."""
    token = _RUN_MEMO.set({})
    try:
        yield
    finally:
        _RUN_MEMO.reset(token)


@dataclass
class RunOptions:
    today: dt.date = field(default_factory=dt.date.today)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    strict: bool = False  # re-raise a crashing rule (tests) instead of reporting it
    force_plan: bool = False  # check every file as a plan, even one without any mark of a plan

    def for_plan(self, plan: Plan) -> RunOptions:
        """The options for this file: only :data:`NOT_A_PLAN` for a file with no mark of a plan (unless forced).

        A README or meeting notes gets one info instead of dozens of 'missing title' findings that would block
        a commit; ``--force-plan`` checks it as a plan, and the not-a-plan rule is then off.
        """
        if self.force_plan:
            return replace(self, ignore=[*self.ignore, NOT_A_PLAN])
        return self if looks_like_plan(plan) else replace(self, select=[NOT_A_PLAN])


# The rule (``rules/not_a_plan.py``) that alone runs on a file without any mark of a plan.
NOT_A_PLAN = "KC001"
# An opening line 'Kế hoạch …' in any case: the title the header parser reads only in capitals.
_PLAN_OPENING = re.compile(r"^\W*kế\s+hoạch\b")
_OPENING_LINES = 12


def looks_like_plan(plan: Plan) -> bool:
    """Whether the document carries any mark of a plan; conservative: one mark is enough.

    The marks are what the model already read: a 'KẾ HOẠCH' title or subject (or an opening line 'Kế hoạch …'),
    a known plan kind, a 'Số:' number line, the national motto, a place-and-date line, a signer, recipients,
    a school year or cycle, a cited legal document, criteria (headings, items, references, levels,
    self-assessment rows). A file with none of them (a README, meeting notes) is not a plan. A plan that
    loses every one of them to a defect is still caught by most of them, so real plans are never skipped.
    """
    header = plan.header
    if (plan.title or plan.subject or plan.kind is not PlanKind.OTHER or header.number or header.motto
            or header.place_date or plan.signer_title or plan.signer_titles or plan.recipients_heading
            or plan.period or plan.citations):
        return True
    if (plan.items or plan.standards or plan.assessment or plan.level_counts or plan.level_groups
            or plan.facts.criteria):
        return True
    return any(_PLAN_OPENING.match(fold(s.text)) for s in plan.texts[:_OPENING_LINES])


_CODE_LIKE = re.compile(r"KC\d*", re.IGNORECASE)
_WORDS = re.compile(r"[\s,;]+")


def suppression_selectors(selectors: str) -> list[str]:
    """The rule selectors a suppression names: its leading words that select rules as ``--ignore`` does
    (codes, prefixes, slugs, categories, kinds) or look like a code; the first other word starts the
    reviewer's reason. An empty list suppresses every rule."""
    out: list[str] = []
    for word in _WORDS.split(selectors.strip()):
        if not word:
            continue
        if not (_CODE_LIKE.fullmatch(word) or any(_matches(cls, word) for cls in registry().values())):
            break
        out.append(word)
    return out


def named_rules(selectors: Iterable[str]) -> set[str]:
    """Codes of the registered rules that any of ``selectors`` names."""
    selectors = list(selectors)
    return {code for code, cls in registry().items() if any(_matches(cls, t) for t in selectors)}


def _suppressed_by(f: Finding, selectors: list[str]) -> bool:
    if not selectors:
        return True
    up = f.code.upper()
    return any(up.startswith(s.upper()) if _CODE_LIKE.fullmatch(s) else s in (f.rule, f.category, f.kind)
               for s in selectors)


def apply_suppressions(plan: Plan, findings: list[Finding]) -> tuple[list[Finding], list[int]]:
    """The findings no suppression of the plan covers, and how many findings each suppression hid."""
    chosen = [suppression_selectors(s.selectors) for s in plan.suppressions]
    hidden = [0] * len(chosen)
    kept: list[Finding] = []
    for f in findings:
        hits = [k for k, s in enumerate(plan.suppressions)
                if s.covers(f.location) and _suppressed_by(f, chosen[k])]
        for k in hits:
            hidden[k] += 1
        if not hits:
            kept.append(f)
    return kept, hidden


def _placed_edit(plan: Plan, e: Edit, loc: Location) -> tuple[Edit | None, Location]:
    """An edit of a logical line at ``loc`` as an edit of the paragraph it starts in; None across a break."""
    at, base, across = place(plan.continued, loc, e.start, e.end)
    return (None if across else evolve(e, start=e.start - base, end=e.end - base) if base else e), at


def physical_finding(plan: Plan, f: Finding, logical: dict[int | None, str]) -> Finding:
    """``f`` placed in the paragraph of a continued line (``Plan.continued``) its words start in; an edit
    across a paragraph break is dropped (the finding is kept)."""
    update: dict[str, object] = {}
    if f.edits:
        placed = [_placed_edit(plan, e, e.location or f.location) for e in f.edits]
        update["edits"] = [evolve(e, location=at) for e, at in placed if e is not None]
    text = logical.get(f.location.block) if plan.continuation(f.location) else None
    if text is not None:
        if f.edit is not None:
            update["edit"], update["location"] = _placed_edit(plan, f.edit, f.location)
        elif where := find_evidence(text, f.evidence):
            update["location"] = place(plan.continued, f.location, *where)[0]
    return evolve(f, **update) if update else f


def _order_key(f: Finding) -> tuple[int, int, int, str]:
    loc = f.location
    return (loc.block if loc.block is not None else -1, loc.row or 0, loc.column or 0, f.code)


def run_rules(plan: Plan, options: RunOptions, path_for_ignores: str | None = None) -> list[Finding]:
    """Run the selected rules on one plan; findings in document order, duplicates dropped."""
    rules = select_rules(options.select, options.ignore)
    if path_for_ignores:
        skipped = [
            token
            for pattern, tokens in options.per_file_ignores.items()
            if fnmatch.fnmatch(path_for_ignores, pattern)
            for token in tokens
        ]
        rules = [r for r in rules if not any(_matches(r, t) for t in skipped)]
    ctx = Context(plan=plan, today=options.today)
    # Rules quote spans from many parts of the model; the section of a block is known once for all.
    section_of = {s.loc.block: s.loc.section for s in plan.texts if s.loc.section}
    logical = {s.loc.block: s.text for s in plan.texts if plan.continuation(s.loc)}
    out: list[Finding] = []
    # One finding per rule, quote and place; the same words at two offsets of one line with an edit each are
    # two findings (three 'thông tư số' in one sentence need three fixes).
    seen: set[tuple[str, str, Location, int | None]] = set()

    def run(cls: type[Rule]) -> None:
        try:
            found = list(cls().check(plan, ctx))
        except Exception as exc:  # a broken rule must not hide the other rules' findings
            if options.strict:
                raise
            print(f"kclint: rule {cls.code} failed on {plan.path}: {exc!r}", file=sys.stderr)
            return
        override = next((sev for tok, sev in options.severity.items() if _matches(cls, tok)), None)
        for f in found:
            if plan.continued:
                f = physical_finding(plan, f, logical)
            key = (f.code, f.evidence, f.location, f.edit.start if f.edit else None)
            if key in seen:
                continue
            seen.add(key)
            update: dict[str, object] = {}
            if override:
                update["severity"] = override
            if f.location.section is None and f.location.block in section_of:
                update["location"] = evolve(f.location, section=section_of[f.location.block])
            out.append(evolve(f, **update) if update else f)

    with run_memo():
        for cls in rules:
            if not cls.after_suppressions:
                run(cls)
        if plan.suppressions:
            out[:], ctx.suppressed = apply_suppressions(plan, out)
        ctx.ran = frozenset(cls.code for cls in rules if not cls.after_suppressions)
        for cls in rules:
            if cls.after_suppressions:
                run(cls)
    out.sort(key=_order_key)
    return out
