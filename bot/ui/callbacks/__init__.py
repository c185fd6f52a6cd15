"""Every inline button's callback data, in one place: one module per conversation.

Callback data is `<prefix>:<field>:<field>…`, at most 64 bytes (Telegram's limit), so
prefixes are short. Each prefix belongs to one class; `tests/unit/test_callback_data.py`
fails if two classes share one or if a CallbackData class is defined outside this package.
Routers are gated by prefix (bot/filters.py), so a prefix also says which router looks.

| prefix | class            | module       | the buttons of                              |
|--------|------------------|--------------|---------------------------------------------|
| m      | MenuCb           | menu         | the main menu                               |
| l      | LanguageCb       | menu         | /language                                   |
| ls     | LanguageSwitchCb | menu         | the switch under the first-contact notice   |
| fg     | ForgetCb         | menu         | /forget's confirmation                      |
| b      | BidCb            | bids         | sending a bid                               |
| rv     | ReviewCb         | bids         | organisers reviewing bids                   |
| rn     | RoundCb          | bids         | /newround                                   |
| bc     | BroadcastCb      | broadcast    | /broadcast                                  |
| ev     | EventCb          | events       | residents' event buttons                    |
| eva    | EventAdminCb     | events       | organisers' event buttons                   |
| org    | OrganiserCb      | organiser    | the organiser team                          |
| cf     | ConfirmCb        | organiser    | an organiser's Yes / No                     |
| au     | AuditCb          | organiser    | /audit                                      |
| pl     | PledgeCb         | pledges      | a group's pledge at the festival            |
| fl     | FestivalCb       | pledges      | organisers' festival of learning            |
| pj     | ProjectCb        | projects     | /projects and a group's update              |
| pjf    | FollowOfferCb    | projects     | "tell me how the projects get on?"          |
| pjm    | MoneyFixCb       | projects     | organisers correcting a recorded payment    |
| pg     | TeamCb           | projects     | a funded project's group and its co-owners  |
| pgh    | HandCb           | projects     | handing a project on to a co-owner          |
| pgo    | ClaimCb          | projects     | taking a project's empty owner's place      |
| psc    | ScheduleCb       | schedule     | a round's update schedule                   |
| pp     | PaperCb          | results      | paper ballots                               |
| rs     | ResultsCb        | results      | published results                           |
| rsa    | ResultsAdminCb   | results      | organisers' results                         |
| vt     | VoteCb           | vote         | the ballot message                          |
| va     | VotingAdminCb    | vote         | organisers' voting panel                    |
| vac    | VotingAccessCb   | vote         | who may vote (codes, check-in, areas)       |
| rst    | RoundSettingCb   | vote         | a round's settings                          |
| wc     | CafeCb           | worldcafe    | the world café                              |
| wca    | CafeAdminCb      | worldcafe    | organisers' world café                      |

`ids` holds the bounded numbers buttons carry (`RowId`, `TelegramId`): a forged number
outside them matches no filter and gets "out of date".
"""

from bot.ui.callbacks.bids import BidAction, BidCb, ReviewAction, ReviewCb, RoundAction, RoundCb
from bot.ui.callbacks.broadcast import BroadcastAction, BroadcastCb
from bot.ui.callbacks.events import EventAction, EventAdminAction, EventAdminCb, EventCb
from bot.ui.callbacks.ids import RowId, TelegramId
from bot.ui.callbacks.menu import ForgetCb, LanguageCb, LanguageSwitchCb, Locale, MenuCb, MenuItem
from bot.ui.callbacks.organiser import (
    AuditAction,
    AuditCb,
    ConfirmCb,
    OrganiserAction,
    OrganiserCb,
    Say,
    Step,
)
from bot.ui.callbacks.pledges import FestivalAction, FestivalCb, PledgeAction, PledgeCb
from bot.ui.callbacks.projects import (
    ClaimCb,
    FollowOfferCb,
    HandCb,
    MoneyAction,
    MoneyFixCb,
    ProjectAction,
    ProjectCb,
    TeamAction,
    TeamCb,
)
from bot.ui.callbacks.results import (
    PaperAction,
    PaperCb,
    ResultsAction,
    ResultsAdminAction,
    ResultsAdminCb,
    ResultsCb,
)
from bot.ui.callbacks.schedule import ScheduleAction, ScheduleCb
from bot.ui.callbacks.vote import (
    RoundSetting,
    RoundSettingCb,
    VoteAction,
    VoteCb,
    VotingAccessAction,
    VotingAccessCb,
    VotingAdminAction,
    VotingAdminCb,
)
from bot.ui.callbacks.worldcafe import CafeAction, CafeAdminAction, CafeAdminCb, CafeCb

__all__ = [
    "AuditAction", "AuditCb", "BidAction", "BidCb", "BroadcastAction", "BroadcastCb",
    "CafeAction", "CafeAdminAction", "CafeAdminCb", "CafeCb", "ConfirmCb", "EventAction",
    "EventAdminAction", "EventAdminCb", "EventCb", "FestivalAction", "FestivalCb",
    "ClaimCb", "FollowOfferCb", "ForgetCb", "HandCb", "MoneyAction", "MoneyFixCb",
    "LanguageCb", "LanguageSwitchCb", "Locale", "MenuCb", "MenuItem", "OrganiserAction",
    "OrganiserCb", "PaperAction", "PaperCb", "PledgeAction", "PledgeCb", "ProjectAction",
    "ProjectCb", "ResultsAction", "ResultsAdminAction", "ResultsAdminCb", "ResultsCb",
    "ReviewAction", "ReviewCb", "RoundAction", "RoundCb", "RoundSetting", "RoundSettingCb",
    "RowId", "Say", "ScheduleAction", "ScheduleCb", "Step", "TeamAction", "TeamCb",
    "TelegramId", "VoteAction", "VoteCb", "VotingAccessAction",
    "VotingAccessCb", "VotingAdminAction", "VotingAdminCb",
]
