from jacdesk.cli.main import main

raise SystemExit(main())
