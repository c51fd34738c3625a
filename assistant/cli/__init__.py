"""The command line, ``botox-faq`` (:mod:`.main`), and its quiz (:mod:`.quiz`)."""
