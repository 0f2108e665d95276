package typography

import "testing"

const ungrouped = "typography.ungrouped-thousands"

func TestUngroupedThousands(t *testing.T) {
	run(t, []tcase{
		{"The reserve is home to 185000 migrating geese.", []want{{ungrouped, "185000", "185,000"}}},
		{"The oldest tree rings go back 12500 years or so.", []want{{ungrouped, "12500", "12,500"}}},
		{"The new depot covers some 34000 square metres.", []want{{ungrouped, "34000", "34,000"}}},
		{"Sales rose to 731000 in March, up 42000 on February.", []want{{ungrouped, "731000", "731,000"}, {ungrouped, "42000", "42,000"}}},
		{"He paid $460000 in cash for the flat.", []want{{ungrouped, "460000", "460,000"}}},
		{"A fine of 2300000 yuan was imposed.", []want{{ungrouped, "2300000", "2,300,000"}}},
		{"A 90000 increase in staff was agreed.", []want{{ungrouped, "90000", "90,000"}}},
		// negatives: grouped numbers, codes, identifiers, numbers that end
		// the clause, short and long runs, units written ungrouped
		{"The reserve is home to 185,000 geese and 2,300,000 insects.", nil},
		{"Order part No. 558812 and item 9907311 today.", nil},
		{"Call 020 7946 0000 or 01632960961 for details.", nil},
		{"The Rotor Max (39217) drill is sold out.", nil},
		{"Sales reached 731000.", nil},
		{"Some 1000 people and 2021 graduates came; the ZIP is CA 90210 here.", nil},
		{"A 26800 mAh battery and a 7200 rpm disk.", nil},
		{"Flight 12345 left; room 10234 was empty; see page 10001 onwards.", nil},
		{"The code 012345 was wrong and the ID #123456 was reused.", nil},
		{"The file v123456 is old and A-12345 is new.", nil},
	})
}
