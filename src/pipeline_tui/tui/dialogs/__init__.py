"""Modal dialogs that screens, step panes and widgets open: below all of them."""
