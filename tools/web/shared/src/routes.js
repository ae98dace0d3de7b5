// Every API route the web clients call, by name: method, path template as in /openapi.json and,
// when the route's body is one field of the request (`body: "category"`), that field.
// (tests/e2e/web checks each one against the gateway's generated contract). Path parameters are
// `{name}`; whatever else a call passes goes in the query string (GET) or the body.
export const routes = {
  // Staff sign-in and sessions
  staffSignIn: ['POST', '/v1/auth/staff'],
  staffChangePassword: ['POST', '/v1/auth/staff:changePassword'],
  staffRefresh: ['POST', '/v1/auth/staff:refresh'],
  staffSignOut: ['POST', '/v1/auth/staff:signOut'],

  // Staff accounts (admin)
  listStaff: ['GET', '/v1/staff'],
  createStaff: ['POST', '/v1/staff'],
  updateStaff: ['PATCH', '/v1/staff/{username}'],
  resetStaff: ['POST', '/v1/staff/{username}:reset'],
  revokeStaffSessions: ['POST', '/v1/staff/{username}:revokeSessions'],
  staffSessions: ['GET', '/v1/staff/{username}/sessions'],

  // The 1022 catalogue
  listCategories: ['GET', '/v1/feedback-categories'],
  putCategory: ['PUT', '/v1/feedback-categories/{category.code}', 'category'],
  listAgencies: ['GET', '/v1/agencies'],
  listTemplates: ['GET', '/v1/answer-templates'],
  putTemplate: ['PUT', '/v1/answer-templates/{template.code}', 'template'],

  // Reports
  listFeedback: ['GET', '/v1/feedback'],
  getFeedback: ['GET', '/v1/feedback/{id}'],
  createFeedback: ['POST', '/v1/feedback'],
  nearbyFeedback: ['GET', '/v1/feedback:nearby'],
  revealReporter: ['POST', '/v1/feedback/{id}:revealReporter'],
  answerDrafts: ['GET', '/v1/feedback/{id}/answer-drafts'],
  assignFeedback: ['POST', '/v1/feedback/{id}:assign'],
  rejectFeedback: ['POST', '/v1/feedback/{id}:reject'],
  acceptFeedback: ['POST', '/v1/feedback/{id}:accept'],
  respondFeedback: ['POST', '/v1/feedback/{id}:respond'],
  transferFeedback: ['POST', '/v1/feedback/{id}:transfer'],
  prioritizeFeedback: ['POST', '/v1/feedback/{id}:prioritize'],
  recategorizeFeedback: ['POST', '/v1/feedback/{id}:recategorize'],
  moveFeedback: ['POST', '/v1/feedback/{id}:move'],
  feedbackStats: ['GET', '/v1/feedback-stats'],

  // The operations centre
  listVehicles: ['GET', '/v1/waste/vehicles'],
  listRoutes: ['GET', '/v1/waste/routes'],
  getRoute: ['GET', '/v1/waste/routes/{id}'],
  dossierStats: ['GET', '/v1/dossier-stats'],

  // Residents (the Mini App)
  zaloSignIn: ['POST', '/v1/auth/zalo'],
  zaloVerifyPhone: ['POST', '/v1/auth/zalo/phone'],
  zaloLocation: ['POST', '/v1/auth/zalo/location'],
  me: ['GET', '/v1/me'],
  privacyNotice: ['GET', '/v1/privacy-notice'],
  myConsents: ['GET', '/v1/me/consents'],
  putConsents: ['PUT', '/v1/me/consents'],
  getDossier: ['GET', '/v1/dossiers/{code}'],
  myDossiers: ['GET', '/v1/me/dossiers'],
  myFeedback: ['GET', '/v1/me/feedback'],
  wasteSchedule: ['GET', '/v1/waste/schedule'],
  wasteEta: ['GET', '/v1/waste/eta'],
  wasteGuide: ['GET', '/v1/waste/guide'],
  billingProviders: ['GET', '/v1/billing/providers'],
  myUtilityAccounts: ['GET', '/v1/me/utility-accounts'],
  linkUtilityAccount: ['POST', '/v1/me/utility-accounts'],
  myBills: ['GET', '/v1/me/bills'],
  checkoutBill: ['POST', '/v1/bills/{id}:checkout'],
  supportFeedback: ['POST', '/v1/feedback/{id}:support'],
  rateFeedback: ['POST', '/v1/feedback/{id}:rate'],
  reopenFeedback: ['POST', '/v1/feedback/{id}:reopen'],
  subscribeWaste: ['POST', '/v1/waste/subscriptions'],
  myWasteSubscriptions: ['GET', '/v1/me/waste-subscriptions'],
  cancelWasteSubscription: ['DELETE', '/v1/me/waste-subscriptions/{id}'],
  notificationSettings: ['GET', '/v1/me/notification-settings'],
  putNotificationSettings: ['PUT', '/v1/me/notification-settings'],
  myNotifications: ['GET', '/v1/me/notifications'],
  readAllNotifications: ['POST', '/v1/me/notifications:readAll'],

  // Personal data (the data protection officer, admins)
  listAudit: ['GET', '/v1/audit'],
};
