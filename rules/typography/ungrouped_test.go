package typography

import "testing"

const ungrouped = "typography.ungrouped-thousands"

func TestUngroupedThousands(t *testing.T) {
	run(t, []tcase{
		{"Botanists know of 250000 flowering plants.", []want{{ungrouped, "250000", "250,000"}}},
		{"The ice core is more than 100000 years old.", []want{{ungrouped, "100000", "100,000"}}},
		{"The hall covers nearly 12000 square metres.", []want{{ungrouped, "12000", "12,000"}}},
		{"A 20000 increase in staff was agreed.", []want{{ungrouped, "20000", "20,000"}}},
		{"Graduates will reach 268000 in 2022, up 16000 on last year.", []want{{ungrouped, "268000", "268,000"}, {ungrouped, "16000", "16,000"}}},
		{"He paid $250000 in cash for the flat.", []want{{ungrouped, "250000", "250,000"}}},
		{"A fine of 1500000 yuan was imposed.", []want{{ungrouped, "1500000", "1,500,000"}}},
		// negatives: grouped numbers, codes, identifiers, numbers that end
		// the clause, short and long runs, units written ungrouped
		{"Botanists know of 250,000 flowering plants and 1,500,000 insects.", nil},
		{"Order item No. 713946 and item 4241014 today.", nil},
		{"Call 020 7946 0000 or 01632960961 for details.", nil},
		{"The KAISER Sena (74182) shower is sold out.", nil},
		{"The figure reached 268000.", nil},
		{"Some 1000 people and 2021 graduates came; the ZIP is CA 90210 here.", nil},
		{"A 20000 mAh battery and a 7200 rpm disk.", nil},
		{"Flight 12345 left; room 10234 was empty; see page 10001 onwards.", nil},
		{"The code 012345 was wrong and the ID #123456 was reused.", nil},
		{"The file v123456 is old and A-12345 is new.", nil},
	})
}
