from gateway import Source


def test_values_are_the_lower_case_names():
    assert [s.value for s in Source] == [
        "litestore",
        "litekart",
        "freshstore",
        "rewards",
        "catalog",
    ]
    assert Source("catalog") is Source.CATALOG
    assert f"{Source.REWARDS}" == "rewards"
