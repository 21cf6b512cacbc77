import Testing
@testable import StanceKit

@Suite struct CalendarDayTests {
    @Test(arguments: ["2018-08-24", "2018-08-24T09:30:00Z", "Aug 24, 2018", "August 24, 2018", "24 August 2018",
                      "24 Aug 2018", "Aug. 24, 2018", "2018/08/24", " 2018-08-24 "])
    func parsesNewsDateFormats(_ text: String) {
        #expect(CalendarDay(parsing: text) == CalendarDay(year: 2018, month: 8, day: 24))
    }

    @Test(arguments: ["", "yesterday", "2018-13-01", "2018-02-30", "31 Sept 2018", "Aug 24", "24/08/2018"])
    func rejectsWhatIsNotADate(_ text: String) {
        #expect(CalendarDay(parsing: text) == nil)
    }

    @Test func ordinalRoundTripsAndWeekdays() {
        let day = CalendarDay(year: 2018, month: 6, day: 12)!        // a Tuesday
        #expect(day.weekday == 2)
        #expect(CalendarDay(ordinal: day.ordinal) == day)
        #expect(CalendarDay(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(CalendarDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 1900, month: 2, day: 29) == nil)
    }

    @Test func periodsStartAndLabel() {
        let day = CalendarDay(year: 2018, month: 8, day: 24)!        // Friday of ISO week 34
        #expect(TrackingPeriod.week.start(of: day) == CalendarDay(year: 2018, month: 8, day: 20))
        #expect(TrackingPeriod.week.label(TrackingPeriod.week.start(of: day)) == "2018-W34")
        #expect(TrackingPeriod.month.label(TrackingPeriod.month.start(of: day)) == "2018-08")
        #expect(TrackingPeriod.quarter.label(TrackingPeriod.quarter.start(of: day)) == "2018-Q3")
        #expect(TrackingPeriod.year.label(TrackingPeriod.year.start(of: day)) == "2018")
        // 2021-01-01 is a Friday in ISO week 53 of 2020.
        let newYear = CalendarDay(year: 2021, month: 1, day: 1)!
        #expect(TrackingPeriod.week.label(TrackingPeriod.week.start(of: newYear)) == "2020-W53")
    }
}
