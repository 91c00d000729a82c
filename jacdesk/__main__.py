from jacdesk.app.main import main

raise SystemExit(main())
