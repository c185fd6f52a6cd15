## A Register button from an old event card
ev-stale-registered = Mae'r botwm hwn wedi dyddio: rydych chi ar y rhestr ar gyfer y digwyddiad hwn yn barod. Dyma beth sydd gennych chi nawr.
ev-stale-full = Mae'r botwm hwn wedi dyddio: mae'r lleoedd wedi mynd ers hynny. Gallwch chi ymuno â'r rhestr aros isod.
ev-stale-form = Mae'r botwm hwn wedi dyddio: mae'n perthyn i ffurflen gynharach. Atebwch y cwestiwn diweddaraf, os gwelwch yn dda.
