"""The people at the counter: PIN checks, roles, and fingerprint templates bound to their owner."""

from __future__ import annotations

import pytest

from common.roles import Role
from counter_client.store import CashierRoster, PulledPage, Store, apply_pulled_page
from counter_client.store.cashiers import FingerprintKeyError, open_template, seal_template
from tests.counter_client.store.factories import FINGERPRINT_KEY, cashier, supervisor


@pytest.fixture
def roster(store: Store) -> CashierRoster:
    people = [cashier("C001", pin="2468"), supervisor("S001", fingerprint=b"finger")]
    apply_pulled_page(
        store, PulledPage("changes", "p1", cashiers=people), fingerprint_key=FINGERPRINT_KEY
    )
    return CashierRoster(store, fingerprint_key=FINGERPRINT_KEY)


def test_the_right_pin_verifies_and_a_wrong_one_does_not(roster: CashierRoster) -> None:
    assert roster.verify_pin("C001", "2468")
    assert not roster.verify_pin("C001", "1234")
    assert not roster.verify_pin("NOBODY", "2468")


def test_roles_come_through_and_supervisors_are_recognised(roster: CashierRoster) -> None:
    person = roster.get("S001")
    assert person is not None
    assert person.role is Role.SUPERVISOR and person.is_supervisor
    assert [p.user_id for p in roster.active()] == ["C001", "S001"]


def test_a_role_that_cannot_work_at_a_counter_is_refused(store: Store) -> None:
    page = PulledPage("changes", "p1", cashiers=[cashier("A001", role=Role.ADMIN)])
    with pytest.raises(ValueError, match="cannot work at a counter"):
        apply_pulled_page(store, page)


def test_a_template_does_not_open_under_another_key(roster: CashierRoster, store: Store) -> None:
    wrong = CashierRoster(store, fingerprint_key=b"\x01" * 32)
    with pytest.raises(FingerprintKeyError):
        wrong.fingerprint_template("S001")
    assert roster.fingerprint_template("S001") == b"finger"
    assert roster.fingerprint_template("C001") is None


def test_a_sealed_template_is_bound_to_its_user() -> None:
    sealed = seal_template(FINGERPRINT_KEY, "S001", b"finger")
    with pytest.raises(FingerprintKeyError):
        open_template(FINGERPRINT_KEY, "C001", sealed)
    assert open_template(FINGERPRINT_KEY, "S001", sealed) == b"finger"


def test_a_short_key_is_refused() -> None:
    with pytest.raises(FingerprintKeyError, match="32 bytes"):
        seal_template(b"short", "S001", b"finger")
