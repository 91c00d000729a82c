"""The examples come in the Examples menu's four groups, in the menu's order."""

from jacdesk.core.content.examples import EXAMPLES, GROUPS, example


def test_every_example_is_in_one_of_the_four_groups():
    assert GROUPS == ("Tutorial", "Coordinates", "Layers & softmax", "Matrix calculus")
    assert {ex.group for ex in EXAMPLES} == set(GROUPS)
    assert [ex.key for ex in EXAMPLES if ex.group == "Tutorial"] == ["tutorial"]
    assert example("polar").group == example("spherical").group == "Coordinates"
    assert example("softmax").group == "Layers & softmax"
    assert example("AXB").group == "Matrix calculus"
