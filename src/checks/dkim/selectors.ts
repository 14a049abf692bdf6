/**
 * DKIM keys cannot be listed (RFC 6376 §3.6.2.1: a key lives at <selector>._domainkey.<domain>), so
 * the check probes selectors that mail platforms are documented to use. Each entry names the
 * provider's documentation it comes from. Platforms that give every account its own selector (Amazon
 * SES Easy DKIM, Postmark's dated selectors) cannot be probed this way: name their selectors with
 * --dkim-selector.
 */
interface KnownSelector {
  selector: string;
  provider: string;
  source: string;
  /**
   * Asked only when this selector has not answered "no key": the provider publishes the two together,
   * so without the first the second is not there either. Saves a question on most domains.
   */
  after?: string;
}

/** Probed by default: the most common platforms, few enough to keep a batch run cheap. */
const DEFAULT: readonly KnownSelector[] = [
  { selector: 'selector1', provider: 'Microsoft 365', source: 'https://learn.microsoft.com/defender-office-365/email-authentication-dkim-configure' },
  // Microsoft 365 enables DKIM only with both CNAME records published (the page below, "two CNAME records").
  { selector: 'selector2', provider: 'Microsoft 365', source: 'https://learn.microsoft.com/defender-office-365/email-authentication-dkim-configure', after: 'selector1' },
  { selector: 'google', provider: 'Google Workspace', source: 'https://support.google.com/a/answer/174124' },
  { selector: 'k1', provider: 'Mailchimp', source: 'https://mailchimp.com/help/set-up-email-domain-authentication/' },
  { selector: 's1', provider: 'SendGrid (Twilio)', source: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication' },
  { selector: 'default', provider: 'cPanel, OpenDKIM and Plesk installations', source: 'https://docs.cpanel.net/cpanel/email/email-deliverability/' },
];

/** --dkim-selectors extended: the default list and further platforms. */
const MORE: readonly KnownSelector[] = [
  { selector: 'k2', provider: 'Mailchimp', source: 'https://mailchimp.com/help/set-up-email-domain-authentication/' },
  { selector: 's2', provider: 'SendGrid (Twilio)', source: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication' },
  { selector: 'mandrill', provider: 'Mandrill (Mailchimp Transactional)', source: 'https://mailchimp.com/developer/transactional/docs/authentication-delivery/' },
  { selector: 'fm1', provider: 'Fastmail', source: 'https://www.fastmail.help/hc/en-us/articles/360060591153-Manual-DNS-configuration' },
  { selector: 'fm2', provider: 'Fastmail', source: 'https://www.fastmail.help/hc/en-us/articles/360060591153-Manual-DNS-configuration' },
  { selector: 'fm3', provider: 'Fastmail', source: 'https://www.fastmail.help/hc/en-us/articles/360060591153-Manual-DNS-configuration' },
  { selector: 'protonmail', provider: 'Proton Mail', source: 'https://proton.me/support/anti-spoofing-custom-domain' },
  { selector: 'protonmail2', provider: 'Proton Mail', source: 'https://proton.me/support/anti-spoofing-custom-domain' },
  { selector: 'protonmail3', provider: 'Proton Mail', source: 'https://proton.me/support/anti-spoofing-custom-domain' },
  { selector: 'zmail', provider: 'Zoho Mail', source: 'https://www.zoho.com/mail/help/adminconsole/dkim-configuration.html' },
  { selector: 'hs1', provider: 'HubSpot', source: 'https://knowledge.hubspot.com/marketing-email/connect-your-email-sending-domain' },
  { selector: 'hs2', provider: 'HubSpot', source: 'https://knowledge.hubspot.com/marketing-email/connect-your-email-sending-domain' },
  { selector: 'zendesk1', provider: 'Zendesk', source: 'https://support.zendesk.com/hc/en-us/articles/4408832543770' },
  { selector: 'zendesk2', provider: 'Zendesk', source: 'https://support.zendesk.com/hc/en-us/articles/4408832543770' },
  { selector: 'kl', provider: 'Klaviyo', source: 'https://help.klaviyo.com/hc/en-us/articles/115000357732' },
  { selector: 'kl2', provider: 'Klaviyo', source: 'https://help.klaviyo.com/hc/en-us/articles/115000357732' },
  { selector: 'ctct1', provider: 'Constant Contact', source: 'https://knowledgebase.constantcontact.com/articles/KnowledgeBase/34759-Self-Authenticate-Your-Domain' },
  { selector: 'ctct2', provider: 'Constant Contact', source: 'https://knowledgebase.constantcontact.com/articles/KnowledgeBase/34759-Self-Authenticate-Your-Domain' },
  { selector: 'mailjet', provider: 'Mailjet', source: 'https://documentation.mailjet.com/hc/en-us/articles/360042412734' },
  { selector: 'dkim', provider: 'Rspamd and mail-in-a-box installations', source: 'https://rspamd.com/doc/modules/dkim_signing.html' },
];

export const SELECTOR_LISTS = { default: DEFAULT, extended: [...DEFAULT, ...MORE], none: [] } as const;
export type SelectorListName = keyof typeof SELECTOR_LISTS;
export const SELECTOR_LIST_NAMES = Object.keys(SELECTOR_LISTS) as SelectorListName[];

// RFC 6376 §3.1: selector = sub-domain *( "." sub-domain ); a sub-domain is a DNS label.
const SELECTOR = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*$/;

/** Whether text (trimmed, in any case) is a selector. */
export const isSelector = (text: string): boolean => SELECTOR.test(text.trim()) && text.trim().length <= 200;

/** A selector as given (command line, config): lower case; throws when it is not one. */
export function parseSelector(text: string): string {
  if (!isSelector(text)) throw new Error(`"${text}" is not a DKIM selector (labels of letters, digits, "-" and "_", separated by ".")`);
  return text.trim().toLowerCase();
}

/** What to probe: the selectors, and for some the selector whose "no key" answer makes asking them needless. */
export interface SelectorPlan {
  selectors: string[];
  /** selector → the selector it is asked after (built-in companions only; a named selector is always asked). */
  after: Record<string, string>;
}

/**
 * The selectors to probe: the named ones; with a built-in list named too (or no selector named at all),
 * that list's as well. So --dkim-selector alone replaces the built-in list, and --dkim-selectors
 * default adds to it.
 */
export function selectorsToProbe(named: readonly string[], list: SelectorListName | undefined): SelectorPlan {
  const builtIn: readonly KnownSelector[] = SELECTOR_LISTS[list ?? (named.length > 0 ? 'none' : 'default')];
  const selectors = [...new Set([...named, ...builtIn.map((entry) => entry.selector)])];
  const after: Record<string, string> = {};
  for (const entry of builtIn) if (entry.after !== undefined && !named.includes(entry.selector) && selectors.includes(entry.after)) after[entry.selector] = entry.after;
  return { selectors, after };
}
