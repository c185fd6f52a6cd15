## Programme report (/report)
report-title = <b>Programme report</b> 📊
report-line = { $cafe_people ->
        [one] 1 person
       *[other] { $cafe_people } people
    } at { $cafes ->
        [one] 1 World Café
       *[other] { $cafes } World Cafés
    } · { $volunteers ->
        [one] 1 volunteer
       *[other] { $volunteers } volunteers
    } · { $vote_people } at { $vote_events ->
        [one] 1 PB event
       *[other] { $vote_events } PB events
    } · { $bids ->
        [one] 1 bid
       *[other] { $bids } bids
    } asking { $asked } · { $voters ->
        [one] 1 voter
       *[other] { $voters } voters
    } · { $funded ->
        [one] 1 project funded
       *[other] { $funded } projects funded
    } ({ $awarded })
report-total = Total
report-md-title = Programme report
report-md-generated = Made on { $when }. World Cafés and PB events: held events, people checked in. Bids: sent and not withdrawn. Funded: published results, at the amount asked.
report-col-area = Area
report-col-cafes = World Cafés
report-col-cafe-people = People at World Cafés
report-col-volunteers = Volunteers
report-col-events = PB events
report-col-event-people = People at PB events
report-col-bids = Bids
report-col-asked = Money asked
report-col-voters = Voters
report-col-funded = Projects funded
report-col-awarded = Money awarded
report-files = The same figures as Markdown and CSV files:
report-facts =
    World Cafés held: { $cafes }
    People at World Cafés: { $cafe_people }
    Volunteers: { $volunteers }
    PB events held: { $vote_events }
    People at PB events: { $vote_people }
    Bids received: { $bids } (asking { $asked })
    Voters: { $voters }
    Projects funded: { $funded } ({ $awarded })
report-period = From { $start } to { $end }
report-bad-range = To cover some dates only, give the first and last day, for example /report 1/4/2026 30/6/2026. Send /report alone for everything.
## After the vote: delivery of the funded projects (models/report_delivery.py)
report-delivery-title = <b>After the vote</b> 🏗️
report-delivery-facts =
    Funded projects: { $projects }
    Projects under way: { $under_way }
    Projects done: { $done }
    Projects stopped: { $stopped }
    Money awarded: { $awarded }
    Money paid out to groups: { $paid }
    Money spent, as groups report it: { $spent }
    Money given back by groups: { $returned }
report-delivery-md-title = After the vote
report-delivery-md-note = Funded projects by how they are getting on (under way: started, on track or delayed). Paid out and given back: as the organisers recorded them. Spent: the latest figure each group reported.
report-col-projects = Funded projects
report-col-under-way = Under way
report-col-done = Done
report-col-stopped = Stopped
report-col-paid = Paid out
report-col-spent = Spent
report-col-returned = Given back
