package main

import "github.com/spf13/cobra"

// commands lists the subcommands, one file each.
func (a *app) commands() []*cobra.Command {
	return []*cobra.Command{a.extractCommand(), a.corpusCommand(), a.evalCommand(), a.taxonomyCommand(), a.indexCommand(), a.searchCommand(), a.themesCommand(), a.casesCommand(), a.removeCommand(), a.exportCommand(), a.importCommand(), a.showCommand(), a.similarCommand(), a.searchesCommand(), a.alertsCommand(), a.timelinessCommand(), a.reportCommand(), a.serveCommand(), a.demoCommand(), a.benchCommand()}
}
