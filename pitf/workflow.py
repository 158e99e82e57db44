"""Workflows declared once. Each workflow (a circulation, an agency's answer, a grant document, a
meeting, an invitee) is a table: its states, and each transition with the states it starts from
and the state it ends in. Services ask the table before they write (`require`, `move`), pages
and templates ask it the same question (`can`, the `can` template filter), and the tests try
every transition the table forbids (`forbidden`).

A workflow's state is read by a function of the row, so a state may be stored (a status field)
or follow from several fields (an answer is "closed" once its circulation's deadline passed).
Who may act is a separate question, asked by the services' permission checks and the URL rules;
the table says only what may happen from where the row is."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError


class TransitionRefused(ValidationError):
    """The workflow does not allow that transition from the row's state."""

    def __init__(self, message: str, *, workflow: str, transition: str, state: str):
        super().__init__(message, code="transition_refused")
        self.workflow, self.transition, self.state = workflow, transition, state


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    # The state it ends in; None when it stays where it is (a change within the state).
    target: str | None = None
    # What a person is told when it is refused, by the state it is refused in ("" for any
    # other); "{state}" is the state's label.
    refusals: Mapping[str, str] = field(default_factory=dict)

    def refusal(self, state: str, label: str) -> str:
        message = (
            self.refusals.get(state)
            or self.refusals.get("")
            or "It is {state}; that cannot be done now."
        )
        return message.format(state=label)


def transition(
    name: str,
    sources: Iterable[str],
    target: str | None = None,
    refusal: str | Mapping[str, str] = "",
) -> Transition:
    refusals = {"": refusal} if isinstance(refusal, str) else dict(refusal)
    return Transition(name=name, sources=frozenset(sources), target=target, refusals=refusals)


@dataclass(frozen=True)
class Workflow:
    name: str
    states: Mapping[str, str]  # state -> its label in words ("open for comment")
    transitions: tuple[Transition, ...]
    state_of: Callable[[object], str] = field(compare=False)
    # The field a transition with a target writes (None when the state is not stored as one).
    field: str | None = "status"

    def __post_init__(self):
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: a transition is declared twice")
        for t in self.transitions:
            unknown = (t.sources | ({t.target} if t.target else set())) - set(self.states)
            if unknown:
                raise ValueError(f"{self.name}.{t.name}: unknown states {sorted(unknown)}")

    def _transition(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise KeyError(f"{self.name} has no transition {name!r}")

    def state(self, row) -> str:
        return self.state_of(row)

    def can(self, row, name: str) -> bool:
        return self.state_of(row) in self._transition(name).sources

    def require(self, row, name: str) -> Transition:
        """The transition, if the row's state allows it; TransitionRefused (a ValidationError
        whose message the page shows) otherwise."""
        declared = self._transition(name)
        state = self.state_of(row)
        if state not in declared.sources:
            raise TransitionRefused(
                declared.refusal(state, self.states[state]),
                workflow=self.name,
                transition=name,
                state=state,
            )
        return declared

    def move(self, row, name: str) -> list[str]:
        """Check the transition and set the row's state field to its target (not saved);
        returns the fields changed, for the caller's save."""
        declared = self.require(row, name)
        if declared.target is None or self.field is None:
            return []
        setattr(row, self.field, declared.target)
        return [self.field]

    def forbidden(self) -> list[tuple[str, str]]:
        """Every (state, transition) the table does not allow: the tests try each."""
        return [
            (state, t.name)
            for t in self.transitions
            for state in self.states
            if state not in t.sources
        ]

    def allowed(self) -> list[tuple[str, str]]:
        return [
            (state, t.name) for t in self.transitions for state in self.states if state in t.sources
        ]


_registry: dict[type, Workflow] = {}


def register(model: type, workflow: Workflow) -> Workflow:
    _registry[model] = workflow
    return workflow


def workflow_of(row) -> Workflow:
    for model in type(row).__mro__:
        if model in _registry:
            return _registry[model]
    raise LookupError(f"No workflow is declared for {type(row).__name__}")


def can(row, name: str) -> bool:
    return workflow_of(row).can(row, name)
